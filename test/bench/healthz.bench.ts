/**
 * Event-loop responsiveness under a large webhook body: a real daemon (in this process, as the
 * tests run it), a 100k-line NDJSON body posted to `/ingest/<source>`, and `/healthz` probed
 * every ~10 ms until the POST is answered. The baseline is the same probing against the idle
 * daemon in the same run; the figures are p50/p99/max of each and the ratio. Goal: p99 under
 * 100 ms while the body is ingested.
 *
 *   node --import tsx test/bench/healthz.bench.ts [lines]
 */
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALERTS } from '../../src/daemon/collections.js';
import { eveLine, quietOthers } from '../integration/sources/helpers.js';
import { startTestDaemon } from '../support/daemon.js';

const LINES = Number(process.argv[2] ?? 100_000);
const PROBE_EVERY_MS = 10;

const d = await startTestDaemon({ configOverrides: { ...quietOthers(), ingest: { sources: [{ name: 'bench', kind: 'webhook', maxBodyBytes: 256 * 1024 * 1024 }] } } });
const token = await d.sourceToken('bench');
const base = `http://127.0.0.1:${d.daemon.info.port}`;

/** Probes until `until` settles (or `idleMs` passes); each probe's round trip in ms. */
async function probe(until: Promise<unknown> | undefined, idleMs = 0): Promise<number[]> {
  const out: number[] = [];
  let done = false;
  void until?.finally(() => (done = true));
  const stopAt = performance.now() + idleMs;
  while (until ? !done : performance.now() < stopAt) {
    const t = performance.now();
    const res = await fetch(`${base}/healthz`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`/healthz answered ${res.status}`);
    out.push(performance.now() - t);
    await sleep(PROBE_EVERY_MS);
  }
  return out;
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} probes)`;

// Distinct signatures: every line a new row, the costliest case for parse, dedup and journal.
const body = Buffer.from(Array.from({ length: LINES }, (_, i) => eveLine(1_000_000 + i)).join('\n') + '\n');
await probe(undefined, 300); // warm the HTTP path
const idle = await probe(undefined, 2_000);

const before = d.daemon.store.count(ALERTS);
const t0 = performance.now();
const posted = fetch(`${base}/ingest/bench`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
  status: r.status,
  reply: (await r.json()) as { accepted: number },
}));
const busy = await probe(posted);
const { status, reply } = await posted;
const secs = (performance.now() - t0) / 1000;
const stored = d.daemon.store.count(ALERTS) - before;
await d.stop();
if (status !== 202 || reply.accepted !== LINES || stored !== LINES) throw new Error(`ingest failed: ${status}, accepted ${reply.accepted}, stored ${stored}`);

console.log(`body: ${LINES} NDJSON lines, ${(body.length / 1e6).toFixed(1)} MB, answered 202 after ${secs.toFixed(2)} s (${Math.round(LINES / secs)} alerts/s), ${stored} rows stored`);
console.log(`/healthz idle:   ${fmt(idle)}`);
console.log(`/healthz ingest: ${fmt(busy)}`);
console.log(`p99 ratio ingest/idle: ${(pct(busy, 99) / pct(idle, 99)).toFixed(1)}x; goal p99 < 100 ms: ${pct(busy, 99) < 100 ? 'met' : 'missed'}`);
console.log(`load: ${execFileSync('uptime').toString().trim()}`);
