/**
 * Triage responsiveness with a big queue (goals from issue 5):
 *   tui-frame-p99        key press (j, page down, a `/` filter keystroke) → rendered frame, 100k alerts; goal < 16 ms
 *   alert-to-screen-p99  alert ingested → delta received by an attached client at 1,000 alerts/s; goal < 50 ms
 *   rss-100k             RSS of the (in-process) daemon holding 100k alerts in its store; goal < 300 MB
 * Each figure is printed with a ratio against a baseline from the same run (100-alert queue,
 * empty daemon). Frames are measured through ink-testing-library (Ink's debug renderer: the
 * full React + layout + string pipeline, without the terminal's own write throttle).
 * Run: node --expose-gc --import tsx test/bench/tui.bench.ts
 */
import { render } from 'ink-testing-library';
import React from 'react';
import type { Alert } from '../../src/shared/alert.js';
import { App } from '../../src/tui/app.js';
import { ViewStore } from '../../src/tui/view-store.js';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';
import { makeAlert } from '../unit/triage/make-alert.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const mb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const tick = () => new Promise((r) => setImmediate(r));

/** A Suricata EVE alert the real parser accepts; `n` varies the source so no two deduplicate. */
function eve(n: number): Record<string, unknown> {
  return {
    timestamp: new Date().toISOString(),
    event_type: 'alert',
    src_ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    src_port: 40000 + (n % 20000),
    dest_ip: '192.0.2.10',
    dest_port: 80,
    proto: 'TCP',
    alert: { action: 'allowed', gid: 1, signature_id: 2_011_716 + (n % 5), rev: 1, signature: `ET SCAN bench probe ${n % 5}`, category: 'Attempted Information Leak', severity: 1 + (n % 3) },
  };
}

/** Loads alerts straight into the daemon's store (journalled, like ingest) so RSS is about holding them, not about ingest speed. */
async function loadAlerts(td: TestDaemon, count: number): Promise<void> {
  for (let i = 0; i < count; i += 5000) {
    const chunk = Array.from({ length: Math.min(5000, count - i) }, (_, k) => makeAlert(i + k, { raw: JSON.stringify(eve(i + k)) }));
    await td.daemon.store.commit(chunk.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
  }
}

async function daemonFigures(): Promise<{ rss: number; rssBase: number; lat: number[] }> {
  const td = await startTestDaemon();
  const loader = await td.connect('loader');
  const rssBase = mb();
  await loadAlerts(td, 100_000);
  const rss = mb();

  // 1,000 alerts/s for 3 s from one client; a second client measures arrival of each id.
  const viewer = await td.connect('viewer');
  const arrived = new Map<string, number>();
  viewer.onEvent('alerts.changed', (e) => {
    const t = performance.now();
    for (const a of e.upserts) if (!arrived.has(a.id)) arrived.set(a.id, t);
  });
  await viewer.request('alerts.subscribe', { limit: 1 });
  const sent = new Map<string, number>();
  const batches: Promise<void>[] = [];
  let n = 200_000;
  const start = performance.now();
  for (let b = 0; b < 150; b++) {
    while (performance.now() < start + b * 20) await new Promise((r) => setTimeout(r, 1));
    const t = performance.now();
    const records = Array.from({ length: 20 }, () => eve(n++));
    batches.push(loader.request('alerts.ingest', { source: 'bench', records }).then((res) => void res.alertIds.forEach((id) => sent.set(id, t))));
  }
  await Promise.all(batches);
  for (let i = 0; i < 200 && arrived.size < sent.size; i++) await new Promise((r) => setTimeout(r, 10));
  const lat = [...sent].filter(([id]) => arrived.has(id)).map(([id, t]) => arrived.get(id)! - t);
  await td.stop();
  return { rss, rssBase, lat };
}

/** Wall time per key press, and this process's CPU time for the same span (steadier on a busy machine). */
async function frameTimes(alerts: Alert[]): Promise<{ wall: number[]; cpu: number[] }> {
  const store = new ViewStore({ actor: 'bench', connection: { state: 'connected', detail: '' } });
  store.setSnapshot(alerts, alerts.length);
  const r = render(React.createElement(App, { store, quit: () => {} }));
  await new Promise((res) => setTimeout(res, 100));
  const wall: number[] = [];
  const cpu: number[] = [];
  const press = async (key: string) => {
    const before = r.frames.length;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    r.stdin.write(key);
    for (let i = 0; i < 100_000 && r.frames.length === before; i++) await tick();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  };
  for (let i = 0; i < 200; i++) await press('j');
  for (let i = 0; i < 50; i++) await press('\u001B[6~');
  await press('g');
  for (let round = 0; round < 5; round++) {
    await press('/');
    for (const ch of 'host:web-01') await press(ch);
    for (let i = 0; i < 'host:web-01'.length; i++) await press('\u007F');
    await press('\u001B');
  }
  r.unmount();
  return { wall, cpu };
}

// Daemon first, so the UI's 100k test alerts are not in the process when RSS is read.
const d = await daemonFigures();
const big = Array.from({ length: 100_000 }, (_, i) => makeAlert(i));
const small = big.slice(0, 100);
const base = await frameTimes(small);
const full = await frameTimes(big);

const f = (x: number) => x.toFixed(2);
for (const k of ['wall', 'cpu'] as const) {
  const [b, x] = [base[k], full[k]];
  console.log(`frames (${k}): ${x.length} key presses; 100 alerts p50 ${f(pct(b, 50))} ms p99 ${f(pct(b, 99))} ms; 100k alerts p50 ${f(pct(x, 50))} ms p99 ${f(pct(x, 99))} ms (${f(pct(x, 99) / pct(b, 99))}x the 100-alert queue)`);
}
console.log(`alert-to-screen: ${d.lat.length} alerts at 1,000/s; p50 ${f(pct(d.lat, 50))} ms p99 ${f(pct(d.lat, 99))} ms`);
console.log(`rss: empty daemon ${d.rssBase.toFixed(0)} MB, with 100k alerts ${d.rss.toFixed(0)} MB (${f(d.rss / d.rssBase)}x)`);
console.log(`tui-frame-p99: ${f(pct(full.wall, 99))}`);
console.log(`alert-to-screen-p99: ${f(pct(d.lat, 99))}`);
console.log(`rss-100k: ${d.rss.toFixed(0)}`);
process.exit(0);
