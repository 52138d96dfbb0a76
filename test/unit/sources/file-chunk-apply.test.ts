import { afterEach, describe, expect, it } from 'vitest';
import { Bus } from '../../../src/daemon/bus.js';
import { parseChunk } from '../../../src/daemon/sources/chunk-parse.js';
import { applyChunk } from '../../../src/daemon/sources/file-chunk-apply.js';
import { DEFAULT_PARSERS } from '../../../src/daemon/sources/parsers/registry.js';
import { Store } from '../../../src/daemon/store/store.js';
import type { IntakeBatch } from '../../../src/daemon/intake.js';
import { AlertIntake } from '../../../src/daemon/sources/alert-intake.js';
import type { QuarantineEntry } from '../../../src/shared/protocol.js';
import { tempDir } from '../../support/daemon.js';
import { QUARANTINE } from '../../../src/daemon/collections.js';

const opts = { maxLineBytes: 1024, keepBytes: 64, final: true, format: 'auto' };
const sur = (sid: number) => JSON.stringify({ timestamp: '2024-05-01T00:00:00+0000', flow_id: 1, event_type: 'alert', src_ip: '192.0.2.1', alert: { signature_id: sid, severity: 2 } });
const flow = JSON.stringify({ timestamp: '2024-05-01T00:00:00+0000', flow_id: 2, event_type: 'flow', src_ip: '192.0.2.1' });
// Seven records and a blank line: alerts, a repeat, a flow, a truncated object and invalid UTF-8.
const LINES = [sur(1), sur(2), '', sur(1), flow, '{"alert":', sur(3), Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1')];

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  const store = await Store.open(tempDir());
  stores.push(store);
  const intake = new AlertIntake(store, new Bus(), { now: () => Date.parse('2024-05-01T01:00:00Z') });
  const bytes = Buffer.concat(LINES.map((l) => Buffer.from(l + '\n', 'latin1')));
  return { store, intake, bytes, parsed: parseChunk(bytes, opts, DEFAULT_PARSERS) };
}

describe('applyChunk', () => {
  it('commits a chunk in batches of batchMaxRecords, each flushed with the offset and line after its last record', async () => {
    const { store, intake, bytes, parsed } = await setup();
    const flushed: { offset: number; line: number; size: number }[] = [];
    const batches: IntakeBatch[] = [];
    const last = applyChunk({ path: 'eve.json', start: 1000, parsed, bytes, line: 10 }, { ...opts, batchMaxRecords: 3, begin: () => intake.begin('t') }, (offset, line, b) => {
      flushed.push({ offset, line, size: b.size() });
      batches.push(b);
    });
    const lineEnd = (n: number) => 1000 + LINES.slice(0, n).reduce((sum, l) => sum + Buffer.byteLength(l, 'latin1') + 1, 0);
    // Records 1-3 end on line 13 (the blank line 12 counts), 4-6 on line 16; the seventh stays open.
    expect(flushed).toEqual([
      { offset: lineEnd(4), line: 14, size: 3 },
      { offset: lineEnd(7), line: 17, size: 3 },
    ]);
    expect(last.size()).toBe(1);
    const results = [];
    for (const b of [...batches, last]) results.push(await b.commit());
    expect(results.map((r) => [r.accepted, r.skipped, r.rejected.length])).toEqual([
      [3, 0, 0],
      [1, 1, 1],
      [0, 0, 1],
    ]);
    const q = store.values<QuarantineEntry>(QUARANTINE).sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
    expect(q.map((e) => [e.origin, e.offset, e.raw])).toEqual([
      ['eve.json:15', lineEnd(5), '{"alert":'],
      ['eve.json:17', lineEnd(7), '{\ufffd}'],
    ]);
    expect(q[1]!.reason).toMatch(/UTF-8/);
  });

  it('names a record by its offset when the line number is unknown (tailing began mid-file)', async () => {
    const { store, intake, bytes, parsed } = await setup();
    const batch = applyChunk({ path: 'eve.json', start: 1000, parsed, bytes, line: 0 }, { ...opts, batchMaxRecords: 100, begin: () => intake.begin('t') }, () => {
      throw new Error('one batch holds the chunk');
    });
    await batch.commit();
    expect(
      store
        .values<QuarantineEntry>(QUARANTINE)
        .map((e) => e.origin)
        .sort(),
    ).toEqual([`eve.json@${1000 + bytes.indexOf('{"alert":')}`, `eve.json@${1000 + bytes.indexOf(Buffer.from([0x7b, 0xff]))}`]);
  });
});
