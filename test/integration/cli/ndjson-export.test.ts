import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocdeckClient } from '../../../src/client/ws-client.js';
import { writeNdjsonPages, type RowPage } from '../../../src/cli/ndjson-export.js';
import { ALERTS, AUDIT } from '../../../src/daemon/collections.js';
import type { Alert } from '../../../src/shared/alert.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';

const INITIAL = 30_000;
/** The smallest client budget the config allows: replies may take half of it. */
const BUDGET = 1024 * 1024;

function alert(id: string, customer: string, rawBytes = 40): Alert {
  const at = '2026-03-03T03:03:03.000Z';
  return {
    id,
    fingerprint: `fp-${id}`,
    customer,
    source: 'export-test',
    product: 'suricata',
    ruleId: '2100498',
    title: `export row ${id}`,
    severity: 'medium',
    time: at,
    mitre: [],
    tags: [],
    raw: 'r'.repeat(rawBytes),
    rawLength: rawBytes,
    firstSeen: at,
    lastSeen: at,
    count: 1,
    state: 'new',
    rev: 0,
  } as Alert;
}

const put = (a: Alert) => ({ op: 'put' as const, coll: ALERTS, id: a.id, value: a });
const idOf = (n: number) => `a${String(n).padStart(7, '0')}`;
const customerOf = (n: number) => (n % 3 === 0 ? 'acme' : 'globex');

/** A reader that keeps only ids and page sizes, and takes its time (small buffer), so backpressure is real. */
function collector() {
  const ids: string[] = [];
  let pending = '';
  const out = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const l of lines) ids.push((JSON.parse(l) as { id: string }).id);
      setImmediate(done);
    },
  });
  return { out, ids };
}

let d: TestDaemon;
let c: SocdeckClient;

beforeAll(async () => {
  d = await startTestDaemon({ configOverrides: { daemon: { clientByteBudget: BUDGET } } });
  const ops = [];
  for (let n = 1; n <= INITIAL; n++) ops.push(put(alert(idOf(n * 10), customerOf(n))));
  await d.daemon.store.commit(ops);
  c = await d.connect();
}, 60_000);

afterAll(async () => {
  await d?.stop();
});

describe('alerts list --all: keyset paging from the daemon', () => {
  it('exports every alert once, in id order, while new alerts arrive, in pages bounded by rows and bytes', async () => {
    const pages: { rows: number; bytes: number }[] = [];
    let added = 0;
    const fetchPage = async (cursor: string | undefined): Promise<RowPage> => {
      const r = await c.request('alerts.list', { limit: 700, includeSuppressed: true, page: cursor ? { cursor } : {} });
      pages.push({ rows: r.alerts.length, bytes: Buffer.byteLength(JSON.stringify(r)) });
      expect(r.total).toBeGreaterThanOrEqual(INITIAL);
      if (pages.length % 5 === 0 && added < 2000) {
        // Arrivals meanwhile: ids below the walk (already passed) and above it (still ahead).
        const n = pages.length;
        await d.daemon.store.commit([put(alert(`${idOf(n * 10 + 1)}`, 'globex')), put(alert(`b-late-${n}`, 'globex')), put(alert(idOf(n * 10), customerOf(n), 60))]);
        added += 2;
      }
      return { rows: r.alerts, ...(r.next ? { next: r.next } : {}) };
    };
    const { out, ids } = collector();
    const res = await writeNdjsonPages(fetchPage, out);
    await new Promise<void>((resolve) => out.end(resolve));

    expect(res.readerGone).toBe(false);
    expect(ids.length).toBe(res.rows);
    expect(new Set(ids).size).toBe(ids.length);
    const sorted = [...ids].sort();
    expect(ids).toEqual(sorted);
    const got = new Set(ids);
    for (let n = 1; n <= INITIAL; n++) if (!got.has(idOf(n * 10))) throw new Error(`alert ${idOf(n * 10)} was lost`);
    // Late ids sort after every `a…` id, so the walk reaches each of them; ids it had passed are not sent.
    const late = ids.filter((id) => id.startsWith('b-late-'));
    expect(late.length).toBe(added / 2);
    expect(ids.length).toBe(INITIAL + late.length);
    expect(Math.max(...pages.map((p) => p.rows))).toBeLessThanOrEqual(700);
    expect(pages.length).toBe(Math.ceil(ids.length / 700));
  });

  it('cuts a page at half the client byte budget, however many rows were asked', async () => {
    const big = Array.from({ length: 120 }, (_, i) => alert(`c-big-${String(i).padStart(3, '0')}`, 'bigco', 16 * 1024));
    await d.daemon.store.commit(big.map(put));
    const pages: number[] = [];
    let cursor: string | undefined;
    const seen: string[] = [];
    do {
      const r = await c.request('alerts.list', { limit: 10_000, filter: 'customer:bigco', includeSuppressed: true, page: cursor ? { cursor } : {} });
      pages.push(Buffer.byteLength(JSON.stringify(r)));
      seen.push(...r.alerts.filter((a) => a.id.startsWith('c-big-')).map((a) => a.id));
      cursor = r.next;
    } while (cursor);
    expect(seen).toEqual(big.map((a) => a.id));
    expect(Math.max(...pages)).toBeLessThanOrEqual(BUDGET / 2);
    // 120 rows of 16 KiB do not fit one half-budget page.
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil((120 * 16 * 1024) / (BUDGET / 2)));
    await d.daemon.store.commit(big.map((a) => ({ op: 'del' as const, coll: ALERTS, id: a.id })));
  });

  it('applies the caller customer scope on every page', async () => {
    const scoped = new SocdeckClient({ url: d.url, token: await d.tokenFor('export-acme', 'viewer', ['acme']), client: 'export-test', actor: 'export-acme', reconnect: false });
    await scoped.connect();
    try {
      const customers = new Set<string>();
      let rows = 0;
      const res = await writeNdjsonPages(
        async (cursor) => {
          const r = await scoped.request('alerts.list', { limit: 5000, includeSuppressed: true, page: cursor ? { cursor } : {} });
          for (const a of r.alerts) customers.add(a.customer);
          rows += r.alerts.length;
          return { rows: r.alerts, ...(r.next ? { next: r.next } : {}) };
        },
        new Writable({ write: (_c, _e, done) => done() }),
      );
      expect([...customers]).toEqual(['acme']);
      expect(res.rows).toBe(rows);
      expect(rows).toBe(INITIAL / 3);
    } finally {
      scoped.close();
    }
  });

  it('refuses a cursor it did not issue, by field name', async () => {
    await expect(c.request('alerts.list', { page: { cursor: 'not-a-cursor' } })).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/page\.cursor/) });
  });

  it('stops quietly when the reader goes away (EPIPE), after the page it was writing', async () => {
    let fetched = 0;
    const out = new Writable({
      write(_chunk, _enc, done) {
        const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        done(err);
      },
    });
    const res = await writeNdjsonPages(async (cursor) => {
      fetched++;
      const r = await c.request('alerts.list', { limit: 100, page: cursor ? { cursor } : {} });
      return { rows: r.alerts, ...(r.next ? { next: r.next } : {}) };
    }, out);
    expect(res.readerGone).toBe(true);
    expect(fetched).toBeLessThanOrEqual(2);
  });

  it('pages findings, leaks and audit the same way', async () => {
    await d.daemon.store.commit(
      Array.from({ length: 50 }, (_, i) => ({
        op: 'put' as const,
        coll: AUDIT,
        id: `au-${String(i).padStart(2, '0')}`,
        value: { id: `au-${String(i).padStart(2, '0')}`, at: '2026-03-03T00:00:00Z', actor: 'x', action: 'ack', target: { kind: 'alert', id: 'a1' }, before: {}, after: {} },
      })),
    );
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await c.request('audit.list', { limit: 7, action: 'ack', page: cursor ? { cursor } : {} });
      ids.push(...r.entries.map((e) => e.id));
      cursor = r.next;
      pages++;
    } while (cursor);
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => `au-${String(i).padStart(2, '0')}`));
    expect(pages).toBe(8);
    const f = await c.request('findings.list', { limit: 3, page: {} });
    expect(f).toMatchObject({ findings: [], total: 0 });
    expect(f.next).toBeUndefined();
    const l = await c.request('leaks.list', { limit: 3, page: {} });
    expect(l).toMatchObject({ leaks: [], total: 0 });
  });
});
