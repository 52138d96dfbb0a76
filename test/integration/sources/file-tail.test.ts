import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import type { QuarantineEntry } from '../../../src/shared/protocol.js';
import { type FilePosition } from '../../../src/daemon/sources/file-tail.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { eveLine, quietOthers, ruleIds, waitFor } from './helpers.js';
import { ALERTS, QUARANTINE, SOURCE_OFFSETS } from '../../../src/daemon/collections.js';

const running: TestDaemon[] = [];
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop();
});

async function tailDaemon(dataDir: string, paths: string[], extra: Record<string, unknown> = {}) {
  const d = await startTestDaemon({
    dataDir,
    configOverrides: { ...quietOthers(), ingest: { maxLineBytes: 4096, quarantineRawBytes: 256, sources: [{ name: 'eve', kind: 'file', paths, pollMs: 20, readChunkBytes: 65536 }], ...extra } },
  });
  running.push(d);
  return d;
}

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => eveLine(from + i) + '\n').join('');
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('file tail source', () => {
  it('tails appended lines and holds a partial last line until its newline arrives', async () => {
    const dir = tempDir();
    const file = join(dir, 'eve.json');
    writeFileSync(file, lines(1, 4));
    const d = await tailDaemon(join(dir, 'data'), [file]);
    const store = d.daemon.store;
    await waitFor('3 alerts', () => store.count(ALERTS) === 3);
    const partial = eveLine(4);
    appendFileSync(file, partial.slice(0, 50));
    await waitFor('offset after line 3', () => store.get<FilePosition>(SOURCE_OFFSETS, `eve:${file}`)?.line === 4);
    // A few more polls with the half line on disk must not produce a record or a quarantine entry.
    const seq = store.seq;
    await waitFor('polls', () => store.seq === seq, 5, 40);
    expect(store.count(ALERTS)).toBe(3);
    expect(store.count(QUARANTINE)).toBe(0);
    appendFileSync(file, partial.slice(50) + '\n');
    await waitFor('4 alerts', () => store.count(ALERTS) === 4);
    expect(ruleIds(store)).toEqual([1, 2, 3, 4]);
    // The status counts after the journal fsync, a moment after the alerts are visible in memory.
    await waitFor('source status', () => d.daemon.status().sources.some((s) => s.name === 'eve' && s.kind === 'file' && s.state === 'running' && s.ingested === 4));
  });

  it('follows a glob and drains a rotated file through its inode before the new one', async () => {
    const dir = tempDir();
    const file = join(dir, 'eve-a.json');
    writeFileSync(file, lines(1, 11));
    const d = await tailDaemon(join(dir, 'data'), [join(dir, 'eve-*.json')]);
    const store = d.daemon.store;
    await waitFor('10 alerts', () => store.count(ALERTS) === 10);
    renameSync(file, join(dir, 'old.json.1'));
    // The writer still had the old file open for a moment.
    appendFileSync(join(dir, 'old.json.1'), lines(11, 16));
    writeFileSync(file, lines(16, 21));
    await waitFor('20 alerts', () => store.count(ALERTS) === 20);
    expect(ruleIds(store)).toEqual(range(1, 21));
    expect(store.get<FilePosition>(SOURCE_OFFSETS, `eve:${file}`)).toMatchObject({ line: 6 });
  });

  it('re-reads a truncated file from the start', async () => {
    const dir = tempDir();
    const file = join(dir, 'eve.json');
    writeFileSync(file, lines(1, 21));
    const d = await tailDaemon(join(dir, 'data'), [file]);
    const store = d.daemon.store;
    await waitFor('20 alerts', () => store.count(ALERTS) === 20);
    truncateSync(file, 0);
    appendFileSync(file, lines(100, 103));
    await waitFor('23 alerts', () => store.count(ALERTS) === 23);
    expect(store.get<FilePosition>(SOURCE_OFFSETS, `eve:${file}`)).toMatchObject({ line: 4 });
  });

  it('quarantines an over-cap line without buffering it, and the lines after it flow on', async () => {
    const dir = tempDir();
    const file = join(dir, 'eve.json');
    const big = eveLine(2, { pad: 'z'.repeat(200_000) });
    writeFileSync(file, eveLine(1) + '\n' + big.slice(0, 100_000));
    const d = await tailDaemon(join(dir, 'data'), [file]);
    const store = d.daemon.store;
    await waitFor('1 alert', () => store.count(ALERTS) === 1);
    appendFileSync(file, big.slice(100_000) + '\n' + lines(3, 5) + '{"truncated":');
    await waitFor('3 alerts', () => store.count(ALERTS) === 3);
    await waitFor('1 quarantined', () => store.count(QUARANTINE) === 1);
    const [q] = store.values<QuarantineEntry>(QUARANTINE);
    expect(q).toMatchObject({
      source: 'eve',
      origin: `${file}:2`,
      offset: Buffer.byteLength(eveLine(1)) + 1,
      rawLength: Buffer.byteLength(big),
      reason: 'line is ' + Buffer.byteLength(big) + ' bytes, over the 4096-byte line cap',
    });
    expect(Buffer.byteLength(q!.raw)).toBeLessThanOrEqual(256);
    expect(ruleIds(store)).toEqual([1, 3, 4]);
  });

  it('resumes after a restart exactly where the journal says, also when the file rotated meanwhile', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const file = join(dir, 'alerts.json');
    writeFileSync(file, lines(1, 6));
    const d = await tailDaemon(dataDir, [file]);
    await waitFor('5 alerts', () => d.daemon.store.count(ALERTS) === 5);
    await d.stop();
    running.pop();
    appendFileSync(file, lines(6, 9));
    renameSync(file, join(dir, 'alerts.json.1'));
    writeFileSync(file, lines(9, 11));
    const again = await tailDaemon(dataDir, [file]);
    await waitFor('10 alerts', () => again.daemon.store.count(ALERTS) === 10);
    expect(ruleIds(again.daemon.store)).toEqual(range(1, 11));
    expect(again.daemon.store.values<Alert>(ALERTS).every((a) => a.count === 1)).toBe(true);
  });

  it('reads a 4 MB backlog in 1 MiB chunks with bad lines inside chunks and one across them', async () => {
    const dir = tempDir();
    const file = join(dir, 'backlog.json');
    // The 1.5 MB line is longer than a chunk: it is skipped through, never buffered.
    const parts: string[] = [lines(1, 4001), '{"truncated": \n', eveLine(4001, { pad: 'y'.repeat(5000) }) + '\n', '\uFEFF' + eveLine(4002) + '\r\n'];
    parts.push(lines(4003, 9001), eveLine(9001, { pad: 'x'.repeat(1_500_000) }) + '\n', lines(9002, 12001));
    const body = Buffer.concat([Buffer.from(parts.join('')), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(lines(12001, 12101))]);
    writeFileSync(file, body);
    const d = await tailDaemon(join(dir, 'data'), [file], { sources: [{ name: 'eve', kind: 'file', paths: [file], pollMs: 20, readChunkBytes: 1024 * 1024, customer: 'acme' }] });
    const store = d.daemon.store;
    await waitFor('every good line', () => store.count(ALERTS) === 12_100 - 2, 1500);
    await waitFor('4 quarantined', () => store.count(QUARANTINE) === 4);
    const quarantine = store.values<QuarantineEntry>(QUARANTINE).sort((a, b) => a.offset! - b.offset!);
    expect(ruleIds(store)).toEqual(range(1, 12101).filter((i) => i !== 4001 && i !== 9001));
    expect(quarantine.map((q) => q.origin)).toEqual([`${file}:4001`, `${file}:4002`, `${file}:9002`, `${file}:12002`]);
    expect(quarantine[0]).toMatchObject({ raw: '{"truncated": ', offset: Buffer.byteLength(lines(1, 4001)) });
    expect(quarantine[0]!.reason).toMatch(/^invalid JSON/);
    expect(quarantine[1]!.reason).toMatch(/over the 4096-byte line cap/);
    expect(quarantine[2]!.rawLength).toBe(Buffer.byteLength(eveLine(9001, { pad: 'x'.repeat(1_500_000) })));
    expect(quarantine[3]).toMatchObject({ rawLength: 4, reason: 'invalid UTF-8 at byte 1 of the line', raw: '{\uFFFD\uFFFD}' });
    // Evidence is the line as written, without its BOM and CR; it is decoded again only for new rows.
    expect(store.values<Alert>(ALERTS).find((a) => a.ruleId === '4002')?.raw).toBe(eveLine(4002));
    // The source's customer reaches every row, whichever thread parsed its chunk.
    expect(new Set(store.values<Alert>(ALERTS).map((a) => a.customer))).toEqual(new Set(['acme']));
    expect(store.get<FilePosition>(SOURCE_OFFSETS, `eve:${file}`)).toMatchObject({ offset: body.length, line: 12103 });
  });
});
