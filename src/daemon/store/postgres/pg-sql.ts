import type pg from 'pg';
import { jsonArray } from './batch-json.js';
import { splitItemKey } from './entry-keys.js';

/** The SQL the postgres backend runs, each statement once, set-based (unnest), so a batch of any size is a few round trips. */

export async function readHead(c: pg.ClientBase, forUpdate: boolean): Promise<{ seq: number; compacted: number }> {
  const { rows } = await c.query<{ seq: string; compacted: string }>(`SELECT seq, compacted FROM head${forUpdate ? ' FOR UPDATE' : ''}`);
  const r = rows[0];
  if (!r) throw new Error('store head row missing');
  return { seq: Number(r.seq), compacted: Number(r.compacted) };
}

/** Every item and the seq they stand at, in one statement (one snapshot: no transaction needed). */
export async function readAllItems(c: pg.ClientBase): Promise<{ seq: number; rows: [coll: string, id: string, value: string][] }> {
  const { rows } = await c.query<[string, string, string, string]>({ text: 'SELECT h.seq, i.coll, i.id, i.value FROM head h LEFT JOIN items i ON true ORDER BY i.coll, i.ord', rowMode: 'array' });
  return { seq: Number(rows[0]?.[0] ?? 0), rows: rows.filter((r) => r[1] !== null).map((r) => [r[1], r[2], r[3]]) };
}

export async function readOpsAfter(c: pg.ClientBase, after: number, limit: number): Promise<[seq: string, ops: string][]> {
  const { rows } = await c.query<[string, string]>({ text: 'SELECT seq, ops FROM ops WHERE seq > $1 ORDER BY seq LIMIT $2', values: [after, limit], rowMode: 'array' });
  return rows;
}

export async function readItems(c: pg.ClientBase, keys: readonly string[]): Promise<[coll: string, id: string, value: string][]> {
  if (keys.length === 0) return [];
  const [colls, ids] = columns(keys);
  const { rows } = await c.query<[string, string, string]>({
    text: 'SELECT i.coll, i.id, i.value FROM items i JOIN unnest($1::text[], $2::text[]) AS k(coll, id) ON i.coll = k.coll AND i.id = k.id',
    values: [colls, ids],
    rowMode: 'array',
  });
  return rows;
}

export interface ItemWrites {
  /** Removed first: deleted values and values deleted then put again (which move to the end). */
  deletes: string[];
  upserts: [key: string, json: string][];
}

/** Opens the write transaction and takes the cluster's write lock (the head row), in one round trip. */
export async function lockHead(c: pg.ClientBase): Promise<{ seq: number; compacted: number }> {
  const results = (await c.query('BEGIN; SELECT seq, compacted FROM head FOR UPDATE')) as unknown as pg.QueryResult<{ seq: string; compacted: string }>[];
  const r = results[1]?.rows[0];
  if (!r) throw new Error('store head row missing');
  return { seq: Number(r.seq), compacted: Number(r.compacted) };
}

/**
 * The entries, their items and the new head, and the wake-up for the other members, as one
 * statement: a round trip per statement was most of a commit's time. Data-modifying CTEs see
 * one snapshot, so a value deleted and put again in one batch is deleted by its own statement first.
 */
export async function writeEntries(c: pg.ClientBase, member: string, firstSeq: number, entries: readonly string[], items: ItemWrites, channel: string): Promise<void> {
  const last = firstSeq + entries.length - 1;
  const upserted = new Set(items.upserts.map((u) => u[0]));
  const reput = items.deletes.filter((k) => upserted.has(k));
  if (reput.length > 0) {
    const [colls, ids] = columns(reput);
    await c.query('DELETE FROM items i USING unnest($1::text[], $2::text[]) AS k(coll, id) WHERE i.coll = k.coll AND i.id = k.id', [colls, ids]);
  }
  const [delColls, delIds] = columns(items.deletes.filter((k) => !upserted.has(k)));
  // Entries and values travel as one JSON text each, spliced from their JSON: a text[] parameter
  // would have the client escape every quote of every value; PostgreSQL hands `json` back verbatim.
  const upserts = jsonArray(
    items.upserts.map(([k, json]) => {
      const [coll, id] = splitItemKey(k);
      return `[${JSON.stringify(coll)},${JSON.stringify(id)},${json}]`;
    }),
  );
  await c.query(
    `WITH o AS (INSERT INTO ops (seq, member, ops) SELECT $3::bigint + n - 1, $2, e::text FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, n) RETURNING 1),
      d AS (DELETE FROM items i USING unnest($4::text[], $5::text[]) AS k(coll, id) WHERE i.coll = k.coll AND i.id = k.id RETURNING 1),
      u AS (INSERT INTO items (coll, id, value, seq) SELECT e->>0, e->>1, (e->2)::text, $7 FROM json_array_elements($6::json) AS x(e)
            ON CONFLICT (coll, id) DO UPDATE SET value = EXCLUDED.value, seq = EXCLUDED.seq RETURNING 1),
      h AS (UPDATE head SET seq = $7 RETURNING 1)
    SELECT pg_notify($8, $7::text), (SELECT count(*) FROM o), (SELECT count(*) FROM d), (SELECT count(*) FROM u), (SELECT count(*) FROM h)`,
    [jsonArray(entries), member, firstSeq, delColls, delIds, upserts, last, channel],
  );
}

function columns(keys: readonly string[]): [string[], string[]] {
  const colls: string[] = [];
  const ids: string[] = [];
  for (const k of keys) {
    const [coll, id] = splitItemKey(k);
    colls.push(coll);
    ids.push(id);
  }
  return [colls, ids];
}

/**
 * Drops journal rows every live member has applied, keeping `keep` more behind the head for
 * members catching up; items already hold their effect. Returns the rows removed.
 */
export async function compactOps(c: pg.ClientBase, keep: number, liveSeconds: number): Promise<number> {
  await c.query('BEGIN');
  try {
    const head = await readHead(c, true);
    const { rows } = await c.query<{ m: string | null }>(`SELECT min(applied) AS m FROM members WHERE seen_at > now() - make_interval(secs => $1)`, [liveSeconds]);
    const slowest = rows[0]?.m === null || rows[0]?.m === undefined ? head.seq : Number(rows[0].m);
    const upTo = Math.min(head.seq - keep, slowest);
    let removed = 0;
    if (upTo > head.compacted) {
      removed = (await c.query('DELETE FROM ops WHERE seq <= $1', [upTo])).rowCount ?? 0;
      await c.query('UPDATE head SET compacted = $1', [upTo]);
    }
    await c.query('COMMIT');
    return removed;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
