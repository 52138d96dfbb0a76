import pg from 'pg';
import { SocdeckClient } from '../../src/client/ws-client.js';
import { startTestDaemon, type TestDaemon } from './daemon.js';

/** The environment variable cluster tests pass the database URL in (config takes only env:/file: references). */
export const PG_URL_ENV = 'SOCDECK_TEST_PG_URL';

/** Config that puts a daemon on the postgres backend in `schema`, electing fast for tests. */
export function postgresStoreConfig(schema: string, electionMs = 200): Record<string, unknown> {
  return { store: { backend: 'postgres', postgres: { url: `env:${PG_URL_ENV}`, schema, electionMs } } };
}

/** `n` in-process daemons sharing one database schema. */
export async function startCluster(url: string, schema: string, n: number, extra: Record<string, unknown> = {}): Promise<TestDaemon[]> {
  process.env[PG_URL_ENV] = url;
  const out: TestDaemon[] = [];
  for (let i = 0; i < n; i++) out.push(await startTestDaemon({ configOverrides: { ...postgresStoreConfig(schema), ...extra } }));
  return out;
}

/**
 * A client on member `on` as `actor`. Users live in the shared store, so the user is added once
 * (through the first member) and its token works on every member once the row has reached it.
 */
export async function connectAs(members: readonly TestDaemon[], on: number, actor: string): Promise<SocdeckClient> {
  const token = await members[0]!.tokenFor(actor);
  const url = `ws://127.0.0.1:${members[on]!.daemon.info.port}/`;
  for (let attempt = 0; ; attempt++) {
    const c = new SocdeckClient({ url, token, client: 'test', actor });
    try {
      await c.connect();
      return c;
    } catch (err) {
      c.close();
      if (attempt >= 100) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Polls `pred` every 20 ms until it holds; throws after `ms`. */
export async function waitFor(pred: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** Ends the leader's lock session from the database side (as a dead link would): the lock is free at once. */
export async function dropLeaderLock(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
  } finally {
    await c.end();
  }
}
