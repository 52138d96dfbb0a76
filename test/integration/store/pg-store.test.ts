import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteChange } from '../../../src/daemon/store/backend.js';
import { listMigrations } from '../../../src/daemon/store/postgres/migrate.js';
import { PgStore, type PgStoreOptions } from '../../../src/daemon/store/postgres/pg-store.js';
import type { StoreOp } from '../../../src/daemon/store/types.js';
import { usePostgres } from '../../support/store-backends.js';

const db = usePostgres();
const open: PgStore[] = [];
let schemaN = 0;

async function member(schema: string, opts: Partial<PgStoreOptions> = {}): Promise<PgStore> {
  const s = await PgStore.open({ url: db.url(), schema, ...opts });
  open.push(s);
  return s;
}

async function query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: db.url() });
  await c.connect();
  try {
    return (await c.query<R>(sql, values)).rows;
  } finally {
    await c.end();
  }
}

/** Resolves when `pred` holds, polling; fails after `ms`. */
async function until(pred: () => boolean, ms = 5000): Promise<void> {
  for (let t = 0; t < ms; t += 10) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

const put = (id: string, value: unknown, coll = 'c'): StoreOp => ({ op: 'put', coll, id, value });

describe('postgres store', () => {
  it('applies the migrations once, records the version, and refuses a schema newer than the code', async () => {
    const schema = `mig_${++schemaN}`;
    const s = await member(schema);
    await s.close();
    open.pop();
    const newest = listMigrations().at(-1)!.version;
    const rows = await query<{ version: number }>(`SELECT version FROM ${schema}.schema_version ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    await member(schema);
    open.pop()!.close();
    await query(`INSERT INTO ${schema}.schema_version (version, file) VALUES ($1, 'from-the-future.sql')`, [newest + 1]);
    await expect(PgStore.open({ url: db.url(), schema })).rejects.toThrow(`database schema ${schema} is at version ${newest + 1}, newer than this socdeck knows (${newest})`);
  });

  it('refuses a schema name that is no plain identifier', async () => {
    await expect(PgStore.open({ url: db.url(), schema: 'x; drop table ops' })).rejects.toThrow(/store\.postgres\.schema/);
  });

  it("brings another member's commits into memory, woken by NOTIFY, and tells its handlers what changed", async () => {
    const schema = `sync_${++schemaN}`;
    // A poll far beyond the test's wait: only the notification can deliver in time.
    const a = await member(schema, { pollMs: 60_000 });
    const b = await member(schema, { pollMs: 60_000 });
    const seen: RemoteChange[] = [];
    b.onRemote((changes) => seen.push(...changes));
    await a.commit([put('x', { n: 1 }), put('y', { n: 2 })]);
    await a.commit([
      { op: 'patch', coll: 'c', fields: ['n'], rows: [['x', 5]] },
      { op: 'del', coll: 'c', id: 'y' },
    ]);
    await until(() => b.seq === 2);
    expect(b.values('c')).toEqual([{ n: 5 }]);
    expect(seen.at(-1)).toEqual({ coll: 'c', id: 'y', value: undefined });
    expect(seen.some((c) => c.id === 'x' && (c.value as { n: number }).n === 5)).toBe(true);
  });

  it('catches up by sequence when a notification was missed', async () => {
    const schema = `poll_${++schemaN}`;
    const a = await member(schema, { pollMs: 60_000 });
    const b = await member(schema, { pollMs: 50 });
    // A commit made without notifying anyone, as if the notification had been lost.
    await a.commit([put('x', 1)]);
    const raw = new pg.Client({ connectionString: db.url() });
    await raw.connect();
    await raw.query(
      `BEGIN; SELECT seq FROM ${schema}.head FOR UPDATE; INSERT INTO ${schema}.ops (seq, member, ops) VALUES (2, 'elsewhere', '[{"op":"put","coll":"c","id":"quiet","value":7}]'); INSERT INTO ${schema}.items (coll, id, value, seq) VALUES ('c', 'quiet', '7', 2); UPDATE ${schema}.head SET seq = 2; COMMIT`,
    );
    await raw.end();
    await until(() => b.get('c', 'quiet') === 7);
    expect(b.get('c', 'x')).toBe(1);
    expect(b.seq).toBe(2);
  });

  it('gives two members writing the same item from the same state one success and one conflict, and restores the loser', async () => {
    const schema = `conf_${++schemaN}`;
    const a = await member(schema, { pollMs: 60_000 });
    const b = await member(schema, { pollMs: 60_000 });
    await a.commit([put('alert', { rev: 0, state: 'new' })]);
    await until(() => b.seq === 1);
    // Both decide from rev 0 before either hears of the other.
    const results = await Promise.allSettled([a.commit([put('alert', { rev: 1, state: 'closed', by: 'a' })]), b.commit([put('alert', { rev: 1, state: 'closed', by: 'b' })])]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0]!.reason as { code: string }).code).toBe('conflict');
    await until(() => a.seq === 2 && b.seq === 2);
    // Both members now hold the winner's value, and so does the database.
    const winner = a.get<{ by: string }>('c', 'alert')!.by;
    expect(b.get<{ by: string }>('c', 'alert')!.by).toBe(winner);
    const rows = await query<{ value: string }>(`SELECT value FROM ${schema}.items WHERE id = 'alert'`);
    expect(JSON.parse(rows[0]!.value).by).toBe(winner);
  });

  it('refuses the second of two members claiming one name at once (dedup key), so one key never yields two rows', async () => {
    const schema = `claim_${++schemaN}`;
    const claims = (op: StoreOp) => (op.op === 'put' && op.coll === 'alerts' ? [`dk:${(op.value as { key: string }).key}`] : []);
    const a = await member(schema, { claims, pollMs: 60_000 });
    const b = await member(schema, { claims, pollMs: 60_000 });
    const results = await Promise.allSettled([a.commit([put('a-1', { key: 'k' }, 'alerts')]), b.commit([put('b-1', { key: 'k' }, 'alerts')])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rows = await query(`SELECT id FROM ${schema}.items WHERE coll = 'alerts'`);
    expect(rows).toHaveLength(1);
    await until(() => a.count('alerts') === 1 && b.count('alerts') === 1 && a.seq === b.seq);
    // Different keys do not conflict.
    await Promise.all([a.commit([put('a-2', { key: 'k2' }, 'alerts')]), b.commit([put('b-2', { key: 'k3' }, 'alerts')])]);
  });

  it('compacts journal rows every member has applied, keeping the configured tail, and a new member starts from items', async () => {
    const schema = `comp_${++schemaN}`;
    const a = await member(schema, { keepOps: 5 });
    for (let i = 0; i < 40; i++) await a.commit([put(String(i), i)]);
    await a.checkpoint();
    const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.ops`);
    expect(Number(row?.n)).toBe(5);
    expect(a.sinceLastCheckpoint).toBe(0);
    const b = await member(schema);
    expect(b.count('c')).toBe(40);
    expect(b.seq).toBe(40);
    await a.commit([put('after', 1)]);
    await until(() => b.get('c', 'after') === 1);
  });

  it('a member that fell behind compaction reloads the collections, refuses what it had in flight, and carries on', async () => {
    const schema = `behind_${++schemaN}`;
    const b = await member(schema, { pollMs: 60_000 });
    const changes: RemoteChange[] = [];
    b.onRemote((c) => changes.push(...c));
    await b.commit([put('mine', 'b-0'), put('gone', 1)]);
    // Cut b's LISTEN connection (no poll for a minute): b hears nothing of what a writes next.
    await query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [`LISTEN socdeck_${schema}`]);
    const a = await member(schema, { keepOps: 0 });
    await until(() => a.get('c', 'mine') === 'b-0');
    for (let i = 0; i < 20; i++) await a.commit([put(`a-${i}`, i)]);
    await a.commit([put('mine', 'a-1'), { op: 'del', coll: 'c', id: 'gone' }]);
    await a.checkpoint();
    const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.ops`);
    expect(Number(row?.n)).toBe(0);
    expect(b.get('c', 'a-0')).toBeUndefined();
    // b's next commit finds the journal rows it needed gone: it reloads instead of failing for good.
    await expect(b.commit([put('mine', 'b-1')])).rejects.toMatchObject({ code: 'conflict' });
    expect(b.seq).toBe(a.seq);
    expect(b.count('c')).toBe(21);
    expect(b.get('c', 'mine')).toBe('a-1');
    expect(b.get('c', 'gone')).toBeUndefined();
    expect(changes.map((c) => c.id)).toEqual(expect.arrayContaining(['a-0', 'a-19', 'mine', 'gone']));
    await b.commit([put('mine', 'b-2')]);
    await until(() => a.get('c', 'mine') === 'b-2');
    // The same on a wake-up (a catch-up with nothing of b's in flight) after a second compaction.
    for (let i = 20; i < 25; i++) await a.commit([put(`a-${i}`, i)]);
    await a.checkpoint();
    await b.wake();
    expect(b.get('c', 'a-24')).toBe(24);
    expect(b.seq).toBe(a.seq);
  });
});
