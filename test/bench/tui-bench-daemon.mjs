/**
 * The daemon side of tui.bench.ts, forked as its own process and run the way `npm start` runs the
 * daemon: the compiled JavaScript in dist/, with no TypeScript loader (tsx's alone adds ~37 MB of
 * RSS to a bare node process). The bench sends the alerts to hold in chunks, each committed to
 * the store as ingest journals it; then `ready` is answered with where to attach and the RSS,
 * and `stop` with the RSS at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from '../../dist/daemon/daemon.js';
import { silentLogger } from '../../dist/daemon/logger.js';

const mb = () => {
  globalThis.gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};

const dataDir = mkdtempSync(join(tmpdir(), 'socdeck-bench-tui-'));
// As the test daemons: demos off, so the daemon holds only what the bench sends.
const daemon = await startDaemon({ log: silentLogger, dataDir, port: 0, configOverrides: { demo: { enabled: false }, leaks: { demo: { enabled: false } } } });
const rssBase = mb();
process.on('message', async (m) => {
  if (m === 'ready') process.send({ url: `ws://127.0.0.1:${daemon.info.port}/`, token: daemon.token, rssBase, rss: mb() });
  else if (m === 'stop') {
    process.send({ rssAfter: mb() });
    await daemon.stop('bench done');
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  } else {
    await daemon.store.commit(m.alerts.map((a) => ({ op: 'put', coll: 'alerts', id: a.id, value: a })));
    process.send({ loaded: m.alerts.length });
  }
});
process.send({ started: true });
