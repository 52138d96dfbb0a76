import { afterEach, describe, expect, it } from 'vitest';
import { Bus } from '../../../src/daemon/bus.js';
import { LineKind, lineAt, parseChunk, visitChunk, type ParsedChunk } from '../../../src/daemon/sources/chunk-parse.js';
import { ChunkParser } from '../../../src/daemon/sources/chunk-parser.js';
import { DEFAULT_PARSERS } from '../../../src/daemon/sources/parsers/registry.js';
import { Store } from '../../../src/daemon/store/store.js';
import type { Alert } from '../../../src/shared/alert.js';
import type { IntakeBatch } from '../../../src/daemon/intake.js';
import { AlertIntake } from '../../../src/daemon/sources/alert-intake.js';
import { dedupKey } from '../../../src/daemon/sources/fingerprint.js';
import { tempDir } from '../../support/daemon.js';
import { corpusFile, malformedCorpus } from './malformed-corpus.js';
import { ALERTS, QUARANTINE } from '../../../src/daemon/collections.js';

const opts = { maxLineBytes: 1024 * 1024, keepBytes: 1024, final: true, format: 'auto' };
const sur = (sid: number, second: number, src = '192.0.2.1') =>
  JSON.stringify({
    timestamp: `2024-05-01T00:00:${String(second).padStart(2, '0')}+0000`,
    flow_id: 1,
    event_type: 'alert',
    src_ip: src,
    dest_ip: '192.0.2.9',
    alert: { signature_id: sid, severity: 2, signature: `sig ${sid}` },
  });
const flow = JSON.stringify({ timestamp: '2024-05-01T00:00:00+0000', flow_id: 2, event_type: 'flow', src_ip: '192.0.2.1' });

const parsers: ChunkParser[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const p of parsers.splice(0)) await p.close();
  for (const s of stores.splice(0)) await s.close();
});

function parser(worker: boolean): ChunkParser {
  const p = new ChunkParser({ parsers: DEFAULT_PARSERS, mappings: [], worker });
  parsers.push(p);
  return p;
}

/** A chunk big enough to go to the worker: alerts over 40 sources, with flows and a bad line between. */
function bigChunk(): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) lines.push(i % 10 === 3 ? flow : i % 997 === 5 ? '{"truncated":' : sur(2000 + (i % 7), i % 60, `198.51.100.${i % 40}`));
  return Buffer.from(lines.join('\n') + '\n');
}

/** Each line's outcome as an object, for comparisons. */
function outcomes(p: ParsedChunk) {
  const out: ({ kind: 'alert'; key: string; time: number } | { kind: 'skip' } | { kind: 'reject'; reason: string })[] = [];
  visitChunk(p, { alert: (key, time) => out.push({ kind: 'alert', key, time }), skip: () => out.push({ kind: 'skip' }), reject: (reason) => out.push({ kind: 'reject', reason }) });
  return out;
}

/** A parsed chunk into an intake batch, as the file tail adds it (a rejected line is quarantined with the parse's reason). */
function addChunk(batch: IntakeBatch, p: ParsedChunk, bytes: Buffer): void {
  const record = (i: number) => ({ raw: lineAt(bytes, p, i, opts).text });
  visitChunk(p, { alert: (key, time, i) => batch.addParsed(key, time, record, i), skip: () => batch.addSkipped(), reject: (reason, i) => batch.add({ ...record(i), reject: reason }) });
}

/** Columns as plain arrays, so results from either thread compare equal. */
const plain = (p: ParsedChunk) => ({ ...p, kinds: [...p.kinds], lineIndex: [...p.lineIndex], offset: [...p.offset], byteLength: [...p.byteLength], times: [...p.times] });

describe('parseChunk', () => {
  it('gives each non-blank line its kind, position, dedup key and time, and each bad one its reason', () => {
    const corpus = malformedCorpus().filter((l) => !l.name.includes('5 MiB'));
    const bytes = Buffer.concat([Buffer.from(flow + '\n'), corpusFile(corpus)]);
    const p = parseChunk(bytes, opts, DEFAULT_PARSERS);
    const records = [{ name: 'flow' }, ...corpus.filter((l) => !l.blank)];
    expect(p.count).toBe(records.length);
    expect(p.lineCount).toBe(corpus.length + 1);
    const all = outcomes(p);
    records.forEach((r, i) => {
      const out = all[i]!;
      const line = lineAt(bytes, p, i, opts);
      if (r.name === 'flow') expect(out).toEqual({ kind: 'skip' });
      else if ('reason' in r && r.reason) expect(out.kind === 'reject' && out.reason).toMatch(r.reason);
      else {
        const full = DEFAULT_PARSERS.parse(JSON.parse(line.text));
        expect(full.kind).toBe('alert');
        if (full.kind === 'alert') expect(out).toEqual({ kind: 'alert', key: dedupKey(full.fields), time: Date.parse(full.fields.time) });
      }
    });
    // Positions point at the line's own bytes: the empty and whitespace lines are counted, not listed.
    expect(p.lineIndex[2]).toBe(2);
    expect(p.lineIndex[3]).toBe(5);
    expect(bytes.subarray(p.offset[0]!, p.offset[0]! + p.byteLength[0]!).toString()).toBe(flow);
  });

  it("keys an alert that names no customer under the source's customer", () => {
    const bytes = Buffer.from(`${sur(1, 0)}\n`);
    const p = parseChunk(bytes, { ...opts, customer: 'acme' }, DEFAULT_PARSERS);
    const full = DEFAULT_PARSERS.parse(JSON.parse(sur(1, 0)));
    expect(full.kind === 'alert' && p.keys[0]).toBe(full.kind === 'alert' && dedupKey({ ...full.fields, customer: 'acme' }));
  });

  it('leaves a partial last line for the next read unless the chunk is final', () => {
    const bytes = Buffer.from(`${sur(1, 0)}\n${sur(2, 1)}`);
    const held = parseChunk(bytes, { ...opts, final: false }, DEFAULT_PARSERS);
    expect([held.count, held.consumed]).toEqual([1, sur(1, 0).length + 1]);
    expect(parseChunk(bytes, opts, DEFAULT_PARSERS).count).toBe(2);
  });
});

describe('ChunkParser', () => {
  it('parses a big chunk on the worker thread exactly as in place, and hands the bytes back', async () => {
    const chunk = bigChunk();
    const expected = plain(parseChunk(chunk, opts, DEFAULT_PARSERS));
    const copy = Buffer.alloc(chunk.length);
    chunk.copy(copy);
    const p = parser(true);
    const { parsed, bytes } = await p.take(p.submit(copy, opts));
    expect(copy.length).toBe(0); // transferred, not copied
    expect(bytes.equals(chunk)).toBe(true);
    expect(plain(parsed)).toEqual(expected);
    expect([...parsed.kinds].filter((k) => k === LineKind.reject)).toHaveLength(4);
  });

  it("keeps the worker fed, parses a held chunk here while waiting, and fails the worker's chunks when closed", async () => {
    const p = parser(true);
    const chunk = bigChunk();
    const jobs = [1, 2, 3, 4].map(() => p.submit(Buffer.from(chunk), opts));
    expect(jobs.map((j) => j.state)).toEqual(['posted', 'posted', 'held', 'held']);
    const first = await p.take(jobs[0]!);
    expect(first.parsed.count).toBe(4000);
    // Either the worker took the held chunks as it finished, or this thread parsed one while it waited.
    expect(jobs[3]!.state).not.toBe('held');
    const pending = jobs.filter((j) => j.state === 'posted');
    const failures = pending.map((j) => expect(p.take(j)).rejects.toThrow(/parser closed/));
    await p.close();
    await Promise.all(failures);
    const after = p.submit(Buffer.from(chunk), opts);
    expect(after.state).toBe('done');
    expect((await p.take(after)).parsed.count).toBe(4000);
  });

  it('parses small chunks and chunks that share their memory in place', async () => {
    const p = parser(true);
    const small = p.submit(Buffer.from(`${sur(1, 0)}\n`), opts);
    const shared = p.submit(bigChunk().subarray(1), opts);
    expect([small.state, shared.state]).toEqual(['done', 'done']);
    expect((await p.take(small)).parsed.count).toBe(1);
  });
});

describe('AlertIntake: parsed chunks', () => {
  async function intake() {
    const store = await Store.open(tempDir());
    stores.push(store);
    return { store, intake: new AlertIntake(store, new Bus(), { now: () => Date.parse('2024-05-01T01:00:00Z') }) };
  }

  it('stores the same rows from parsed chunks as from raw records, out-of-order times included', async () => {
    const lines = [sur(1, 30), sur(1, 0), sur(1, 10), flow, '{"x":', sur(2, 5), sur(1, 45)];
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const p = parseChunk(bytes, opts, DEFAULT_PARSERS);
    const a = await intake();
    const batch = a.intake.begin('t');
    addChunk(batch, p, bytes);
    const viaChunk = await batch.commit();
    const b = await intake();
    const viaRaw = await b.intake.ingest(
      't',
      lines.map((raw) => ({ raw })),
    );
    expect({ ...viaChunk, alertIds: viaChunk.alertIds.length }).toEqual({ ...viaRaw, alertIds: viaRaw.alertIds.length });
    const rows = (s: Store) =>
      s
        .values<Alert>(ALERTS)
        .map(({ id: _id, ...r }) => r)
        .sort((x, y) => x.ruleId.localeCompare(y.ruleId));
    expect(rows(a.store)).toEqual(rows(b.store));
    expect(rows(a.store)[0]).toMatchObject({ count: 4, firstSeen: '2024-05-01T00:00:00.000Z', lastSeen: '2024-05-01T00:00:45.000Z', raw: sur(1, 30) });
    expect(a.store.count(QUARANTINE)).toBe(1);
  });

  it("builds a new row for the source's customer from the line parsed again", async () => {
    const bytes = Buffer.from(`${sur(9, 0)}\n`);
    const p = parseChunk(bytes, { ...opts, customer: 'acme' }, DEFAULT_PARSERS);
    const { store, intake: i } = await intake();
    const batch = i.begin('t', 'auto', 'acme');
    addChunk(batch, p, bytes);
    await batch.commit();
    expect(store.values<Alert>(ALERTS).map((a) => a.customer)).toEqual(['acme']);
  });
});
