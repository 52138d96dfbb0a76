import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { SocdeckError } from '../../../shared/errors.js';
import { PACKAGE_ROOT } from '../../config.js';

export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'migrations', 'postgres');
const FILE_RE = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Serialises migrations of one database across daemons starting together. */
const MIGRATE_LOCK = 0x50cdec01;

export interface Migration {
  version: number;
  file: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => FILE_RE.test(f))
    .sort()
    .map((file) => ({ version: Number(FILE_RE.exec(file)![1]), file }));
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Brings `schema` up to the newest migration in the repo, each file in its own transaction, and
 * refuses a schema newer than this code knows: an older daemon must not write a newer layout.
 */
export async function migrate(client: pg.ClientBase, schema: string, dir = MIGRATIONS_DIR): Promise<{ from: number; to: number }> {
  const all = listMigrations(dir);
  const newest = all.at(-1)?.version ?? 0;
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.schema_version (version integer PRIMARY KEY, file text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${quoteIdent(schema)}.schema_version`);
    const from = rows[0]?.v ?? 0;
    if (from > newest) {
      throw new SocdeckError('version_mismatch', `database schema ${schema} is at version ${from}, newer than this socdeck knows (${newest}): upgrade this daemon before starting it`, {
        schema,
        database: from,
        code: newest,
      });
    }
    for (const m of all.filter((x) => x.version > from)) {
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(readFileSync(join(dir, m.file), 'utf8'));
        await client.query(`INSERT INTO ${quoteIdent(schema)}.schema_version (version, file) VALUES ($1, $2)`, [m.version, m.file]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new SocdeckError('store_corrupt', `migration ${m.file} failed: ${(err as Error).message}`, { file: m.file });
      }
    }
    return { from, to: Math.max(from, newest) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]);
  }
}
