/**
 * Triage responsiveness with a big queue (goals from issue 5):
 *   tui-frame-p99        key press (j, page down, a `/` filter keystroke, enter, esc) → rendered frame,
 *                        TUI attached to a daemon holding 100k alerts; goal < 16 ms
 *   alert-to-screen-p99  alert ingested → delta received by an attached client at 1,000 alerts/s; goal < 50 ms
 *   rss-100k             RSS of the daemon process holding 100k alerts in its store; goal < 300 MB
 * The TUI is attached the way `socdeck` attaches it (followQueue: a filtered subscription whose
 * snapshot is the daemon's most urgent `snapshotLimit` alerts), so a filter keystroke narrows
 * the rows held at once and the daemon's snapshot for the new filter follows on enter (or when
 * typing pauses); enter → that snapshot on screen is reported as filter-to-snapshot. Each figure is printed with a ratio against
 * a baseline from the same run (a 100-alert queue, an empty daemon). Frames are measured through
 * ink-testing-library (Ink's debug renderer: the full React + layout + string pipeline, without
 * the terminal's own write throttle), after 20 uncounted warm-up presses, with React's
 * production build as `socdeck` runs it. The daemon runs in a child process (tui-bench-daemon.mjs,
 * compiled code from dist/: `npm run bench:tui` builds first),
 * as in real use, and reports its own RSS.
 * Run: npm run bench:tui (builds dist/ first)
 */
// As in `socdeck`: React's production build (this must load before react does).
import '../../src/tui/react-mode.js';
import { render } from 'ink-testing-library';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import React from 'react';
import { SocdeckClient } from '../../src/client/ws-client.js';
import { App } from '../../src/tui/app.js';
import { DaemonProvider } from '../../src/tui/daemon-context.js';
import { followQueue } from '../../src/tui/queue-feed.js';
import { ViewStore } from '../../src/tui/view-store.js';
import { makeAlert } from '../unit/triage/make-alert.js';

interface DaemonReady {
  url: string;
  token: string;
  /** RSS in MB of the daemon process empty, then with 100k alerts. */
  rssBase: number;
  rss: number;
}

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

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const tick = () => new Promise((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connect(d: DaemonReady, actor: string): Promise<SocdeckClient> {
  const c = new SocdeckClient({ url: d.url, token: d.token, client: 'bench', actor });
  await c.connect();
  return c;
}

/** 1,000 alerts/s for 3 s from one client; a second client, subscribed, notes when each id arrives. */
async function alertToScreen(d: DaemonReady): Promise<number[]> {
  const loader = await connect(d, 'loader');
  const viewer = await connect(d, 'viewer');
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
    while (performance.now() < start + b * 20) await sleep(1);
    const t = performance.now();
    const records = Array.from({ length: 20 }, () => eve(n++));
    batches.push(loader.request('alerts.ingest', { source: 'bench', records }).then((res) => void res.alertIds.forEach((id) => sent.set(id, t))));
  }
  await Promise.all(batches);
  for (let i = 0; i < 200 && arrived.size < sent.size; i++) await sleep(10);
  loader.close();
  viewer.close();
  return [...sent].filter(([id]) => arrived.has(id)).map(([id, t]) => arrived.get(id)! - t);
}

interface Frames {
  wall: number[];
  cpu: number[];
  /** Enter (or esc) on a changed filter → the daemon's snapshot for it on screen. */
  resubscribe: number[];
}

/** Wall time per key press, this process's CPU time for the same span (steadier on a busy machine), and re-subscription times. */
async function frameTimes(store: ViewStore, client?: SocdeckClient): Promise<Frames> {
  // biome-ignore lint/correctness/noChildrenProp: createElement's typing for DaemonProvider requires children among the props
  const r = render(React.createElement(DaemonProvider, { client, children: React.createElement(App, { store, quit: () => {} }) }));
  await sleep(100);
  const out: Frames = { wall: [], cpu: [], resubscribe: [] };
  const press = async (key: string) => {
    const before = r.frames.length;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    r.stdin.write(key);
    for (let i = 0; i < 100_000 && r.frames.length === before; i++) await tick();
    out.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
  };
  /** Waits for the snapshot of the filter just set (matched known again) to be rendered. */
  const settle = async () => {
    if (!client) return;
    const t0 = performance.now();
    while (store.getState().matched === undefined) await sleep(1);
    const before = r.frames.length;
    store.flush();
    for (let i = 0; i < 100_000 && r.frames.length === before; i++) await tick();
    out.resubscribe.push(performance.now() - t0);
  };
  // Warm-up presses (JIT, first layout) are not counted, in either run.
  for (let i = 0; i < 20; i++) r.stdin.write(i % 2 ? 'k' : 'j');
  await sleep(100);
  for (let i = 0; i < 200; i++) await press('j');
  for (let i = 0; i < 50; i++) await press('\u001B[6~');
  await press('g');
  for (let round = 0; round < 5; round++) {
    await press('/');
    for (const ch of 'host:web-01') await press(ch);
    await press('\r');
    await settle();
    await press('\u001B');
    await settle();
  }
  r.unmount();
  return out;
}

// The daemon is another process, as in real use: its work and garbage collection do not land in
// the TUI's frames, and its RSS is its own. It runs compiled, as `npm start` runs it.
const daemon = fork(fileURLToPath(new URL('./tui-bench-daemon.mjs', import.meta.url)), { execArgv: ['--expose-gc'] });
const reply = <T>(): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench daemon exited with ${code}`));
    daemon.once('exit', onExit);
    daemon.once('message', (m) => {
      daemon.off('exit', onExit);
      resolve(m as T);
    });
  });
await reply<{ started: true }>();
// 100k alerts, sent in the chunks ingest would commit them in.
for (let i = 0; i < 100_000; i += 5000) {
  daemon.send({ alerts: Array.from({ length: 5000 }, (_, k) => makeAlert(i + k, { raw: JSON.stringify(eve(i + k)) })) });
  await reply<{ loaded: number }>();
}
daemon.send('ready');
const d = await reply<DaemonReady>();
const lat = await alertToScreen(d);

const tuiClient = await connect(d, 'bench');
const attached = new ViewStore({ actor: 'bench', connection: { state: 'connected', detail: '' } });
const queue = followQueue(attached, tuiClient);
await queue.resync();
const held = attached.getState().rows.length;
const matched = attached.getState().matched ?? 0;
const full = await frameTimes(attached, tuiClient);
queue.stop();
tuiClient.close();
daemon.send('stop');
const { rssAfter } = await reply<{ rssAfter: number }>();
await new Promise((resolve) => daemon.once('exit', resolve));

const small = new ViewStore({ actor: 'bench', connection: { state: 'connected', detail: '' } });
small.setSnapshot(Array.from({ length: 100 }, (_, i) => makeAlert(i)));
const base = await frameTimes(small);

const f = (x: number) => x.toFixed(2);
for (const k of ['wall', 'cpu'] as const) {
  const [b, x] = [base[k], full[k]];
  console.log(
    `frames (${k}): ${x.length} key presses; 100-alert queue p50 ${f(pct(b, 50))} ms p99 ${f(pct(b, 99))} ms; ` +
      `daemon with ${matched} alerts (TUI holds ${held}) p50 ${f(pct(x, 50))} ms p99 ${f(pct(x, 99))} ms (${f(pct(x, 99) / pct(b, 99))}x)`,
  );
}
console.log(`filter-to-snapshot: ${full.resubscribe.length} re-subscriptions over ${matched} alerts; p50 ${f(pct(full.resubscribe, 50))} ms max ${f(Math.max(...full.resubscribe))} ms`);
console.log(`alert-to-screen: ${lat.length} alerts at 1,000/s; p50 ${f(pct(lat, 50))} ms p99 ${f(pct(lat, 99))} ms`);
console.log(
  `rss: empty daemon ${d.rssBase.toFixed(0)} MB, with 100k alerts ${d.rss.toFixed(0)} MB (${f(d.rss / d.rssBase)}x); after the run (queue index, subscriptions, 3,000 more alerts) ${rssAfter.toFixed(0)} MB`,
);
console.log(`tui-frame-p99: ${f(pct(full.wall, 99))}`);
console.log(`alert-to-screen-p99: ${f(pct(lat, 99))}`);
console.log(`rss-100k: ${d.rss.toFixed(0)}`);
process.exit(0);
