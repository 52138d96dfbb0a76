import type { z } from 'zod';
import { SocdeckError } from '../../shared/errors.js';
import type { StoreSection } from '../config.js';
import { resolveSecret } from '../notify/secrets.js';
import type { ClaimsOf } from '../store/postgres/entry-keys.js';
import { PgStore } from '../store/postgres/pg-store.js';
import { JsonStore } from '../store/store.js';

export type OpenedStore = { backend: 'json'; store: JsonStore } | { backend: 'postgres'; store: PgStore; url: string };

/** The `store.postgres.url` reference (env:NAME or file:/path) resolved; inline URLs never reach here (config refuses them). */
export function resolveStoreUrl(ref: string): string {
  const url = resolveSecret(ref, 'store.postgres.url');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new SocdeckError('config_invalid', 'store.postgres.url: the referenced value is not a postgres:// URL');
  return url;
}

/** The backend config names: the data dir's journal (json) or the shared database (postgres). */
export async function openStore(dataDir: string, cfg: z.infer<typeof StoreSection>, log: (msg: string) => void, claims: ClaimsOf): Promise<OpenedStore> {
  if (cfg.backend === 'json' || !cfg.postgres) return { backend: 'json', store: await JsonStore.open(dataDir, { checkpointEvery: cfg.checkpointEvery, log }) };
  const p = cfg.postgres;
  const url = resolveStoreUrl(p.url);
  const store = await PgStore.open({ url, schema: p.schema, poolSize: p.poolSize, keepOps: p.keepOps, claims, log });
  return { backend: 'postgres', store, url };
}
