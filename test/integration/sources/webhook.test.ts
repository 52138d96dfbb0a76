import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import type { QuarantineEntry } from '../../../src/shared/protocol.js';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { replaySegments } from '../../../src/daemon/store/journal.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { eveLine, quietOthers } from './helpers.js';
import { ALERTS, QUARANTINE } from '../../../src/daemon/collections.js';

let d: TestDaemon;
let client: SocdeckClient;
let base: string;

beforeAll(async () => {
  d = await startTestDaemon({
    configOverrides: {
      ...quietOthers(),
      ingest: {
        sources: [
          { name: 'hook', kind: 'webhook', maxBodyBytes: 64 * 1024 },
          { name: 'cwpp', kind: 'webhook', format: 'cwpp' },
        ],
        mappings: [{ name: 'cwpp', product: 'acme-cwpp', fields: { ruleId: 'id', time: 't', severity: 'lvl' }, severityMap: { '3': 'high' } }],
      },
    },
  });
  client = await d.connect('alice');
  base = `http://127.0.0.1:${d.daemon.info.port}/ingest/`;
});
afterAll(() => d.stop());

function post(source: string, body: string | Buffer, token: string | null = d.daemon.token) {
  return fetch(base + source, { method: 'POST', body, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('webhook source', () => {
  it('answers 202 only once the records are in the journal on disk', async () => {
    const res = await post('hook', eveLine(501));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { accepted: number; alertIds: string[] };
    expect(body.accepted).toBe(1);
    // Read the journal files directly: the record must already be there when 202 arrives.
    const onDisk = replaySegments(`${d.dataDir}/journal`).entries.flatMap((e) => e.o);
    expect(onDisk.some((op) => op.op === 'put' && op.coll === ALERTS && op.id === body.alertIds[0])).toBe(true);
  });

  it('takes a JSON array and NDJSON', async () => {
    expect((await post('hook', JSON.stringify([JSON.parse(eveLine(502)), JSON.parse(eveLine(503))]))).status).toBe(202);
    expect((await post('hook', `${eveLine(504)}\n\n${eveLine(505)}\n`)).status).toBe(202);
    const ids = d.daemon.store.values<Alert>(ALERTS).map((a) => a.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['502', '503', '504', '505']));
  });

  it('answers 400 with a reason per rejected record, stores the good ones and quarantines the bad ones', async () => {
    const res = await post('hook', `${eveLine(506)}\n{"truncated":\n${eveLine(507).replace('"severity":2', '"severity":"x"')}\n`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; origin: string; reason: string }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 1, origin: 'webhook:hook:2', reason: expect.stringMatching(/^invalid JSON/) },
      { index: 2, origin: 'webhook:hook:3', reason: expect.stringContaining('alert.severity must be an integer') },
    ]);
    const q = d.daemon.store.values<QuarantineEntry>(QUARANTINE).filter((e) => e.origin?.startsWith('webhook:hook:'));
    expect(q.map((e) => e.origin).sort()).toEqual(['webhook:hook:2', 'webhook:hook:3']);
  });

  it('refuses a body over the cap with 413, an unknown source with 404 and a missing token with 401', async () => {
    expect((await post('hook', Buffer.alloc(70 * 1024, 0x20))).status).toBe(413);
    expect((await post('nope', eveLine(1))).status).toBe(404);
    expect((await post('hook', eveLine(1), null)).status).toBe(401);
    expect((await post('hook', '')).status).toBe(400);
  });

  it('lists quarantine over the protocol and re-ingests with another format, attributing the attempt', async () => {
    const rec = JSON.stringify({ id: 'C-1', t: '2026-03-01T00:00:00Z', lvl: 9 });
    const res = await post('cwpp', rec);
    expect(res.status).toBe(400);
    const list = await client.request('quarantine.list', { source: 'cwpp' });
    expect(list.total).toBe(1);
    const entry = list.entries[0]!;
    expect(entry).toMatchObject({ source: 'cwpp', format: 'cwpp', reason: 'cwpp: lvl (severity) value 9 is not in severityMap', raw: rec, rawLength: rec.length, attempts: 0 });

    const again = await client.request('quarantine.reingest', { ids: [entry.id] });
    expect(again.failed).toHaveLength(1);
    expect(d.daemon.store.get<QuarantineEntry>(QUARANTINE, entry.id)).toMatchObject({ attempts: 1, lastAttemptBy: 'alice' });
    const { entries } = await client.request('audit.list', { action: 'reingest' });
    expect(entries).toEqual([expect.objectContaining({ actor: 'alice', target: { kind: 'quarantine', id: entry.id }, before: { reason: entry.reason }, after: { reason: entry.reason } })]);
    await expect(client.request('quarantine.reingest', { ids: [entry.id], format: 'bogus' })).rejects.toThrow(/unknown format "bogus"/);
  });
});
