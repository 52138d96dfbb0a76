import { listAudit } from '../../../src/daemon/audit/audit-log.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import type { QuarantineEntry } from '../../../src/shared/protocol.js';
import { Bus } from '../../../src/daemon/bus.js';
import { FieldMapping } from '../../../src/daemon/sources/parsers/mapping.js';
import { ParserSet } from '../../../src/daemon/sources/parsers/registry.js';
import { Store } from '../../../src/daemon/store/store.js';
import { AlertIntake } from '../../../src/daemon/sources/alert-intake.js';
import { tempDir } from '../../support/daemon.js';
import { corpusFile, malformedCorpus } from './malformed-corpus.js';
import { splitLines } from '../../../src/daemon/sources/line-decoder.js';
import { ALERTS, QUARANTINE } from '../../../src/daemon/collections.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup(dir = tempDir()) {
  const store = await Store.open(dir);
  stores.push(store);
  const clock = {
    t: Date.parse('2024-05-01T00:00:00Z'),
    now() {
      return this.t;
    },
  };
  const intake = new AlertIntake(store, new Bus(), clock);
  return { store, intake, clock, dir };
}

const sur = (sid: number, time: string, src = '192.0.2.1') =>
  JSON.stringify({ timestamp: time, flow_id: 1, event_type: 'alert', src_ip: src, dest_ip: '192.0.2.9', alert: { signature_id: sid, severity: 2, signature: `sig ${sid}` } });

describe('AlertIntake dedup', () => {
  it('folds repeats inside the configured window into count/lastSeen and opens a new row after it', async () => {
    const { store, intake } = await setup();
    intake.configure({ dedupWindowMs: 60_000 });
    await intake.ingest('t', [{ raw: sur(1, '2024-05-01T00:00:00+0000') }, { raw: sur(1, '2024-05-01T00:00:30+0000') }]);
    await intake.ingest('t', [{ raw: sur(1, '2024-05-01T00:01:20+0000') }]);
    let rows = store.values<Alert>(ALERTS);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 3, firstSeen: '2024-05-01T00:00:00.000Z', lastSeen: '2024-05-01T00:01:20.000Z' });
    await intake.ingest('t', [{ raw: sur(1, '2024-05-01T00:03:00+0000') }]);
    rows = store.values<Alert>(ALERTS);
    expect(rows.map((r) => r.count).sort()).toEqual([1, 3]);
  });

  it('carries counters across batches, onto a row an analyst replaced, and never into a closed row', async () => {
    const { store, intake } = await setup();
    await intake.ingest('t', [{ raw: sur(3, '2024-05-01T00:00:00+0000') }]);
    await intake.ingest('t', [{ raw: sur(3, '2024-05-01T00:00:10+0000') }]);
    await intake.ingest('t', [{ raw: sur(3, '2024-05-01T00:00:20+0000') }]);
    const [row] = store.values<Alert>(ALERTS);
    expect(row).toMatchObject({ count: 3, lastSeen: '2024-05-01T00:00:20.000Z' });
    // An analyst's change puts a new object (as triage does); counting goes on from it.
    await store.commit([{ op: 'put', coll: ALERTS, id: row!.id, value: { ...row!, state: 'acknowledged', rev: 1 } }]);
    await intake.ingest('t', [{ raw: sur(3, '2024-05-01T00:00:30+0000') }]);
    expect(store.get<Alert>(ALERTS, row!.id)).toMatchObject({ count: 4, state: 'acknowledged', lastSeen: '2024-05-01T00:00:30.000Z' });
    await store.commit([{ op: 'put', coll: ALERTS, id: row!.id, value: { ...store.get<Alert>(ALERTS, row!.id)!, state: 'closed', rev: 2 } }]);
    await intake.ingest('t', [{ raw: sur(3, '2024-05-01T00:00:40+0000') }]);
    await intake.ingest('t', [{ raw: sur(3, '2024-05-01T00:00:50+0000') }]);
    expect(store.get<Alert>(ALERTS, row!.id)).toMatchObject({ count: 4, state: 'closed' });
    const reopened = store.values<Alert>(ALERTS).find((a) => a.id !== row!.id);
    expect(reopened).toMatchObject({ count: 2, state: 'new', firstSeen: '2024-05-01T00:00:40.000Z', lastSeen: '2024-05-01T00:00:50.000Z' });
  });

  it("gives alerts that name no customer their source's customer, and keeps customers apart in dedup", async () => {
    const { store, intake } = await setup();
    await intake.ingest('t', [{ raw: sur(4, '2024-05-01T00:00:00+0000') }], { customer: 'acme' });
    await intake.ingest('t', [{ raw: sur(4, '2024-05-01T00:00:05+0000') }], { customer: 'acme' });
    await intake.ingest('t', [{ raw: sur(4, '2024-05-01T00:00:06+0000') }]);
    expect(
      store
        .values<Alert>(ALERTS)
        .map((a) => [a.customer, a.count])
        .sort(),
    ).toEqual([
      ['acme', 2],
      ['default', 1],
    ]);
  });

  it('keeps different key entities apart', async () => {
    const { store, intake } = await setup();
    await intake.ingest('t', [{ raw: sur(1, '2024-05-01T00:00:00+0000', '192.0.2.1') }, { raw: sur(1, '2024-05-01T00:00:00+0000', '192.0.2.2') }]);
    expect(store.count(ALERTS)).toBe(2);
  });

  it('remembers fingerprints across a restart', async () => {
    const first = await setup();
    await first.intake.ingest('t', [{ raw: sur(7, '2024-05-01T00:00:00+0000') }]);
    await first.store.close();
    stores.pop();
    const again = await setup(first.dir);
    await again.intake.ingest('t', [{ raw: sur(7, '2024-05-01T00:00:05+0000') }]);
    expect(again.store.values<Alert>(ALERTS).map((a) => a.count)).toEqual([2]);
  });
});

describe('AlertIntake quarantine', () => {
  it('quarantines each bad record of the malformed corpus with a reason, source, line and offset, and accepts the good ones', async () => {
    const { store, intake } = await setup();
    const corpus = malformedCorpus();
    const split = splitLines(corpusFile(corpus), { maxLineBytes: 1024 * 1024, keepBytes: 1024, final: true });
    const records = split.lines.map((l) => ({ raw: l.text, origin: `corpus.jsonl:${l.line}`, offset: l.offset, ...(l.reject ? { reject: l.reject, rawLength: l.byteLength } : {}) }));
    const res = await intake.ingest('corpus', records);
    const nonBlank = corpus.filter((c) => !c.blank);
    expect(records).toHaveLength(nonBlank.length);
    expect(res.accepted).toBe(nonBlank.filter((c) => !c.reason).length);
    const q = store.values<QuarantineEntry>(QUARANTINE);
    expect(q).toHaveLength(nonBlank.filter((c) => c.reason).length);
    nonBlank.forEach((c, i) => {
      if (!c.reason) return;
      const entry = q.find((e) => e.origin === records[i]!.origin);
      expect(entry, c.name).toBeDefined();
      expect(entry!.reason, c.name).toMatch(c.reason);
      expect(entry).toMatchObject({ source: 'corpus', offset: records[i]!.offset, rawLength: c.bytes.length - (c.bytes.at(-1) === 13 ? 1 : 0) });
      expect(Buffer.byteLength(entry!.raw)).toBeLessThanOrEqual(64 * 1024);
    });
  });

  it('keeps the raw head up to the cap together with the original length', async () => {
    const { store, intake } = await setup();
    intake.configure({ quarantineRawBytes: 300 });
    const raw = '{"broken": "' + 'é'.repeat(1000);
    await intake.ingest('t', [{ raw }]);
    const [e] = store.values<QuarantineEntry>(QUARANTINE);
    expect(e!.rawLength).toBe(Buffer.byteLength(raw));
    expect(Buffer.byteLength(e!.raw)).toBeLessThanOrEqual(300);
    expect(raw.startsWith(e!.raw)).toBe(true);
  });

  it('re-ingests after the mapping is fixed, and refuses records whose raw was cut', async () => {
    const { store, intake } = await setup();
    const rec = JSON.stringify({ vendor: 'Acme', d: { id: 'X1', t: '2024-05-01T00:00:00Z', lvl: 'sev-5' } });
    await intake.ingest('cwpp', [{ raw: rec }, { raw: 'not json at all', rawLength: 999_999 }]);
    const [bad, cut] = store
      .values<QuarantineEntry>(QUARANTINE)
      .sort((a, b) => b.rawLength - a.rawLength)
      .reverse();
    expect(bad!.reason).toContain('no parser recognises');

    const mapping = FieldMapping.parse({
      name: 'acme',
      product: 'acme',
      match: { path: 'vendor', equals: 'Acme' },
      fields: { ruleId: 'd.id', time: 'd.t', severity: 'd.lvl' },
      severityMap: { 'sev-4': 'high' },
    });
    intake.configure({ parsers: new ParserSet([mapping]) });
    let res = await intake.reingest([bad!.id], 'alice');
    expect(res.failed).toEqual([{ id: bad!.id, reason: 'acme: d.lvl (severity) value "sev-5" is not in severityMap' }]);
    expect(store.get<QuarantineEntry>(QUARANTINE, bad!.id)).toMatchObject({ attempts: 1, lastAttemptBy: 'alice' });

    intake.configure({ parsers: new ParserSet([{ ...mapping, severityMap: { 'sev-5': 'critical' } }]) });
    res = await intake.reingest([bad!.id, cut!.id, 'q-missing'], 'alice');
    expect(res.reingested).toHaveLength(1);
    expect(store.get<Alert>(ALERTS, res.reingested[0]!.alertId)).toMatchObject({ product: 'acme', severity: 'critical', source: 'cwpp' });
    expect(store.get(QUARANTINE, bad!.id)).toBeUndefined();
    expect(res.failed).toEqual([
      { id: cut!.id, reason: 'only 15 of 999999 bytes were kept; the record cannot be rebuilt' },
      { id: 'q-missing', reason: 'no such quarantine entry' },
    ]);
    // Every attempt on an entry that exists is in the audit log, committed with its outcome.
    const audit = listAudit(store, { limit: 10 }).entries.map((e) => [e.actor, e.action, e.target.id, e.after]);
    expect(audit).toEqual(
      expect.arrayContaining([
        ['alice', 'reingest', bad!.id, { reason: 'acme: d.lvl (severity) value "sev-5" is not in severityMap' }],
        ['alice', 'reingest', bad!.id, { alertId: res.reingested[0]!.alertId }],
        ['alice', 'reingest', cut!.id, { reason: 'only 15 of 999999 bytes were kept; the record cannot be rebuilt' }],
      ]),
    );
    expect(audit).toHaveLength(3);
  });

  it('evicts the oldest entries past the cap and says so', async () => {
    const { store, intake, clock } = await setup();
    const warnings: string[] = [];
    intake.configure({ quarantineMaxEntries: 3, warn: (m) => warnings.push(m) });
    for (let i = 0; i < 5; i++) {
      clock.t += 1000;
      await intake.ingest('t', [{ raw: `bad ${i}` }]);
    }
    expect(
      store
        .values<QuarantineEntry>(QUARANTINE)
        .map((q) => q.raw)
        .sort(),
    ).toEqual(['bad 2', 'bad 3', 'bad 4']);
    expect(warnings).toHaveLength(2);
  });

  it('commits extra ops (a source position) in the same journal entry as the records', async () => {
    const { store, intake } = await setup();
    const before = store.seq;
    await intake.ingest('t', [{ raw: sur(1, '2024-05-01T00:00:00+0000') }, { raw: 'junk' }], { extraOps: [{ op: 'put', coll: 'source_offsets', id: 't:x', value: { offset: 42 } }] });
    expect(store.seq).toBe(before + 1);
    expect(store.get('source_offsets', 't:x')).toEqual({ offset: 42 });
  });
});
