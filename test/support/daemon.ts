import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { SocdeckClient } from '../../src/client/ws-client.js';
import { startDaemon, type DaemonOptions, type RunningDaemon } from '../../src/daemon/daemon.js';
import { silentLogger } from '../../src/daemon/logger.js';
import type { CustomerScope } from '../../src/shared/permissions.js';
import { userTokens } from './user-tokens.js';

export interface TestDaemon {
  daemon: RunningDaemon;
  dataDir: string;
  url: string;
  /** A connected client (hello done) as user `actor` (default `tester`), an admin of every customer unless it was made otherwise first. */
  connect(actor?: string): Promise<SocdeckClient>;
  /** The token of user `name`, added with this role and customers on first use. */
  tokenFor(name: string, role?: string, customers?: CustomerScope): Promise<string>;
  stop(): Promise<void>;
}

const FIXTURES_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function tempDir(prefix = 'socdeck-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A real daemon on 127.0.0.1, port 0, in a temp data dir. The demo source is off unless the
 * test turns it on, so tests see only what they ingest.
 */
export async function startTestDaemon(opts: Partial<DaemonOptions> = {}): Promise<TestDaemon> {
  const dataDir = opts.dataDir ?? tempDir();
  const daemon = await startDaemon({
    log: silentLogger,
    ...opts,
    dataDir,
    port: 0,
    // Demos (alert replay, the planted-key repo) are off so tests see only what they create.
    // Tests hand the daemon paths in temp dirs and the fixtures folder.
    configOverrides: { demo: { enabled: false }, leaks: { demo: { enabled: false } }, auth: { pathRoots: [tmpdir(), FIXTURES_ROOT] }, ...opts.configOverrides },
  });
  const url = `ws://127.0.0.1:${daemon.info.port}/`;
  const clients: SocdeckClient[] = [];
  const tokenFor = userTokens((u) => daemon.auth.users.add(u, 'test'));
  return {
    daemon,
    dataDir,
    url,
    tokenFor,
    async connect(actor = 'tester') {
      const c = new SocdeckClient({ url, token: await tokenFor(actor), client: 'test', actor });
      await c.connect();
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.close();
      await daemon.stop('test done');
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One daemon for a whole test file: started before its first test, stopped after its last.
 * The returned handle forwards to that daemon, so tests use it like the daemon itself.
 */
export function sharedTestDaemon(opts: Partial<DaemonOptions> = {}): TestDaemon {
  let current: TestDaemon | undefined;
  beforeAll(async () => {
    current = await startTestDaemon(opts);
  });
  afterAll(async () => {
    await current?.stop();
  });
  return new Proxy({} as TestDaemon, {
    get(_, key: keyof TestDaemon) {
      if (!current) throw new Error('the shared test daemon is used outside a test');
      const v = current[key];
      return typeof v === 'function' ? v.bind(current) : v;
    },
  });
}
