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

/** Polls `pred` every 20 ms until it holds; throws after `ms`. */
export async function waitFor(pred: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}
