/**
 * `npm run bench:cluster`: ingest into the postgres store backend with 1 and 3 daemons, next to a
 * bare multi-row INSERT of the same rows into a plain table on the same server in the same run,
 * the same ingest into one daemon on the default json store (the daemon's own pipeline: parse,
 * dedup, correlation, SLA clocks; what the store backend adds is the difference), and the time
 * from an alert ingested on one daemon to a subscriber attached to another, measured once the
 * members have applied the ingest runs' backlog. The server runs with fsync on, as in production.
 */
import pg from 'pg';
import type { SocdeckClient } from '../../src/client/ws-client.js';
import type { EventParams } from '../../src/shared/protocol.js';
import { connectAs, startCluster } from '../support/cluster.js';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';
import { startTestPostgres } from '../support/postgres.js';
import { eveAlert } from '../support/alert-record.js';

const TOTAL = Number(process.env.BENCH_ALERTS ?? 20_000);
const BATCH = 500;
const IN_FLIGHT = 4;
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);

let serial = 0;
function record() {
  return eveAlert(serial++);
}

/** Alerts/s through `alerts.ingest`, the load spread over every client. */
async function ingestRate(clients: SocdeckClient[], total: number): Promise<number> {
  let left = total;
  const t0 = performance.now();
  const worker = async (c: SocdeckClient) => {
    while (left > 0) {
      const n = Math.min(BATCH, left);
      left -= n;
      await c.request('alerts.ingest', { source: 'bench', records: Array.from({ length: n }, record) });
    }
  };
  await Promise.all(clients.flatMap((c) => Array.from({ length: IN_FLIGHT }, () => worker(c))));
  return total / ((performance.now() - t0) / 1000);
}

async function bareInsertRate(url: string, total: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE TABLE bare (id text PRIMARY KEY, value text NOT NULL)');
  const rows = Array.from({ length: total }, (_, i) => [`b${i}`, JSON.stringify({ ...record(), id: `b${i}`, raw: JSON.stringify(record()) })]);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    await c.query('INSERT INTO bare (id, value) SELECT * FROM unnest($1::text[], $2::text[])', [chunk.map((r) => r[0]), chunk.map((r) => r[1])]);
  }
  const rate = total / ((performance.now() - t0) / 1000);
  await c.end();
  return rate;
}

/** Milliseconds from sending an alert to daemon A until a subscriber on daemon B has it, p50 and p99. */
async function crossLatency(members: TestDaemon[]): Promise<{ p50: number; p99: number }> {
  const sensor = await connectAs(members, 0, 'sensor');
  const screen = await connectAs(members, 1, 'analyst');
  await screen.request('alerts.subscribe', {});
  const waiting = new Map<string, (t: number) => void>();
  screen.onEvent('alerts.changed', (e: EventParams<'alerts.changed'>) => {
    for (const u of e.upserts) waiting.get(u.srcIp ?? '')?.(performance.now());
  });
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const rec = record();
    const seen = new Promise<number>((resolve) => waiting.set(rec.src_ip, resolve));
    const t0 = performance.now();
    await sensor.request('alerts.ingest', { source: 'latency', records: [rec] });
    samples.push((await seen) - t0);
    waiting.delete(rec.src_ip);
    await new Promise((r) => setTimeout(r, 10));
  }
  samples.sort((x, y) => x - y);
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p99: samples[Math.floor(samples.length * 0.99)]! };
}

/** Waits until every member has applied the same seq and it held for a second (the SLA and correlation follow-ups of the ingest runs are written). */
async function settle(members: TestDaemon[]): Promise<void> {
  let last = -1;
  let since = performance.now();
  for (let i = 0; i < 600; i++) {
    const seqs = members.map((m) => m.daemon.store.seq);
    const same = seqs.every((q) => q === seqs[0]);
    if (!same || seqs[0] !== last) {
      last = same ? seqs[0]! : -1;
      since = performance.now();
    } else if (performance.now() - since > 1000) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const server = await startTestPostgres({ fsync: true });
try {
  const bare = await bareInsertRate(await server.createDatabase('bare'), TOTAL);
  const json = await startTestDaemon();
  const jsonRate = await ingestRate([await json.connect('sensor')], TOTAL);
  await json.stop();
  const one = await startCluster(await server.createDatabase('one'), 'bench', 1);
  const oneRate = await ingestRate([await connectAs(one, 0, 'sensor')], TOTAL);
  for (const d of one) await d.stop();
  const three = await startCluster(await server.createDatabase('three'), 'bench', 3);
  const threeRate = await ingestRate(await Promise.all(three.map((_, i) => connectAs(three, i, 'sensor'))), TOTAL);
  await settle(three);
  const latency = await crossLatency(three);
  for (const d of three) await d.stop();
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`bare multi-row INSERT       ${f(bare)} rows/s`);
  console.log(`json store, 1 daemon        ${f(jsonRate)} alerts/s  (the daemon's pipeline without the database)`);
  console.log(`postgres backend, 1 daemon  ${f(oneRate)} alerts/s  (${(oneRate / bare).toFixed(2)}x bare, ${(oneRate / jsonRate).toFixed(2)}x json store)`);
  console.log(`postgres backend, 3 daemons ${f(threeRate)} alerts/s  (${(threeRate / bare).toFixed(2)}x bare)`);
  console.log(`cross-daemon alert-to-screen p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (${LATENCY_SAMPLES} alerts)`);
} finally {
  await server.stop();
}
