import { afterAll, beforeAll } from 'vitest';
import type { StoreBackend } from '../../src/daemon/store/backend.js';
import { PgStore, type PgStoreOptions } from '../../src/daemon/store/postgres/pg-store.js';
import { JsonStore } from '../../src/daemon/store/store.js';
import { tempDir } from './daemon.js';
import { startTestPostgres, type TestPostgres } from './postgres.js';

/** One place the store lives, reopenable: a data dir, or a schema in the file's PostgreSQL. */
export interface StoreHome {
  open(opts?: Partial<PgStoreOptions>): Promise<StoreBackend>;
}

export interface BackendCase {
  name: 'json' | 'postgres';
  home(): StoreHome;
}

let schemaCounter = 0;

/** Both backends; the PostgreSQL server is started once per test file that asks for it. */
export function storeBackends(): BackendCase[] {
  const pg = usePostgres();
  return [
    {
      name: 'json',
      home() {
        const dir = tempDir();
        return { open: () => JsonStore.open(dir) };
      },
    },
    {
      name: 'postgres',
      home() {
        const schema = `contract_${process.pid}_${++schemaCounter}`;
        return { open: (opts = {}) => PgStore.open({ url: pg.url(), schema, ...opts }) };
      },
    },
  ];
}

/** The file's PostgreSQL URL (a fresh database), for tests that use only that backend. */
export function usePostgres(): { url: () => string; server: () => TestPostgres } {
  let server: TestPostgres | undefined;
  let url = '';
  beforeAll(async () => {
    server = await startTestPostgres();
    url = await server.createDatabase();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    url: () => url,
    server: () => {
      if (!server) throw new Error('postgres used outside a test');
      return server;
    },
  };
}
