/**
 * The daemon side of tui.bench.ts, forked as its own process: a test daemon holding 100k alerts,
 * reporting where to attach and its RSS, until the bench sends `stop` (answered with its RSS then).
 */
import { pathToFileURL } from 'node:url';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';
import { makeAlert } from '../unit/triage/make-alert.js';

export interface DaemonReady {
  url: string;
  token: string;
  /** RSS in MB of this process with an empty daemon, then with 100k alerts. */
  rssBase: number;
  rss: number;
}

/** A Suricata EVE alert the real parser accepts; `n` varies the source so no two deduplicate. */
export function eve(n: number): Record<string, unknown> {
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

const mb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};

/** Loads alerts straight into the daemon's store (journalled, like ingest) so RSS is about holding them, not about ingest speed. */
async function loadAlerts(td: TestDaemon, count: number): Promise<void> {
  for (let i = 0; i < count; i += 5000) {
    const chunk = Array.from({ length: Math.min(5000, count - i) }, (_, k) => makeAlert(i + k, { raw: JSON.stringify(eve(i + k)) }));
    await td.daemon.store.commit(chunk.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const td = await startTestDaemon();
  const rssBase = mb();
  await loadAlerts(td, 100_000);
  const ready: DaemonReady = { url: td.url, token: td.daemon.token, rssBase, rss: mb() };
  process.send!(ready);
  await new Promise((resolve) => process.once('message', resolve));
  // Again at the end: the queue index and the subscriptions' state are in it now.
  process.send!({ rssAfter: mb() });
  await td.stop();
  process.exit(0);
}
