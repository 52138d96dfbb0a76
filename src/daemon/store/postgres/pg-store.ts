import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SocdeckError } from '../../../shared/errors.js';
import { applyOps, InMemoryCollections, type Collections } from '../apply-ops.js';
import type { RemoteChange, StoreBackend } from '../backend.js';
import type { JournalStats } from '../journal.js';
import type { StoreOp } from '../types.js';
import { BatchJson } from './batch-json.js';
import { entryKeys, itemKey, noClaims, splitItemKey, type ClaimsOf } from './entry-keys.js';
import { migrate } from './migrate.js';
import { compactOps, lockHead, readAllItems, readHead, readItems, readOpsAfter, writeEntries, type ItemWrites } from './pg-sql.js';
import { applyRemote, type RemoteApply } from './remote-apply.js';

export const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PgStoreOptions {
  url: string;
  schema?: string;
  poolSize?: number;
  /** This member's name in the ops table and the members list; host:pid:random by default. */
  member?: string;
  claims?: ClaimsOf;
  /** Journal rows compaction keeps behind the slowest live member. */
  keepOps?: number;
  /** Catch-up poll when no notification came (a missed NOTIFY costs at most this). */
  pollMs?: number;
  log?: (msg: string) => void;
}

interface Pending {
  ops: StoreOp[];
  items: string[];
  keys: string[];
  /** The seq this member's memory stood at when the ops were applied to it. */
  base: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const CATCH_UP_ROWS = 2000;

/**
 * The store on PostgreSQL, for one daemon or a cluster of them. Memory holds every collection
 * (reads never touch the database); `commit` applies at once and resolves after the database
 * commit. Each commit takes the head row's lock, so seqs commit in order; it first applies what
 * other members wrote since, and refuses (code `conflict`) an entry that read a value another
 * member changed meanwhile, restoring that value from `items`: revision checks and dedup hold
 * across the cluster as they do in one process.
 */
export class PgStore extends InMemoryCollections implements StoreBackend {
  readonly backend = 'postgres' as const;
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly member: string;
  readonly channel: string;
  readonly journalStats: JournalStats = { appends: 0, fsyncs: 0, fsyncSecondsTotal: 0, fsyncSecondsMax: 0, bytes: 0 };
  private applied = 0;
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** Item key -> the last seq at which something other than this member's accepted commits changed it in memory. */
  private readonly touchedAt = new Map<string, number>();
  /** Keys whose memory may disagree with the database after a failed write; restored under the next commit's lock. */
  private readonly dirty = new Set<string>();
  private readonly remoteHandlers: ((changes: RemoteChange[]) => void)[] = [];
  private listener: pg.Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private catching: Promise<void> | undefined;
  private wakeAgain = false;
  private closed = false;
  private sinceCompaction = 0;
  private readonly claims: ClaimsOf;
  private readonly log: (msg: string) => void;

  private constructor(private readonly opts: PgStoreOptions) {
    super();
    this.schema = opts.schema ?? 'socdeck';
    if (!SCHEMA_RE.test(this.schema)) throw new SocdeckError('config_invalid', `store.postgres.schema: ${JSON.stringify(this.schema)} is not a plain lower-case identifier`);
    this.member = opts.member ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.channel = `socdeck_${this.schema}`;
    this.claims = opts.claims ?? noClaims;
    this.log = opts.log ?? (() => {});
    this.pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 4, options: `-c search_path=${this.schema}` });
    this.pool.on('error', (err) => this.log(`postgres pool: ${err.message}`));
    // The pool listens for errors only on idle clients: a connection lost while checked out (between
    // two queries of a commit) would otherwise throw from the socket and take the daemon down.
    this.pool.on('connect', (c) => c.on('error', (err) => this.log(`postgres connection: ${err.message}`)));
  }

  static async open(opts: PgStoreOptions): Promise<PgStore> {
    const s = new PgStore(opts);
    try {
      const c = await s.pool.connect();
      try {
        await migrate(c, s.schema);
        await s.load(c);
      } finally {
        c.release();
      }
      await s.listen();
    } catch (err) {
      await s.pool.end().catch(() => {});
      throw err;
    }
    return s;
  }

  get seq(): number {
    return this.applied;
  }

  get sinceLastCheckpoint(): number {
    return this.sinceCompaction;
  }

  /** Called with the values other members changed, after they are in memory. */
  onRemote(fn: (changes: RemoteChange[]) => void): void {
    this.remoteHandlers.push(fn);
  }

  commit(ops: StoreOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new SocdeckError('internal', 'store is closed'));
    applyOps(this.colls, ops);
    const k = entryKeys(ops, this.claims);
    return new Promise((resolve, reject) => {
      this.pending.push({ ops, items: k.items, keys: k.claims.length > 0 ? [...k.items, ...k.claims] : k.items, base: this.applied, resolve, reject });
      this.journalStats.appends++;
      this.flushing ??= this.flushLoop();
    });
  }

  /** Compaction: drops journal rows every live member has applied (items hold their effect). */
  async checkpoint(): Promise<void> {
    const c = await this.pool.connect();
    try {
      const removed = await compactOps(c, this.opts.keepOps ?? 10_000, 60);
      this.sinceCompaction = 0;
      if (removed > 0) this.log(`compaction removed ${removed} journal rows`);
    } finally {
      c.release();
    }
  }

  /** Reads what other members committed since this one last looked; coalesces wake-ups. */
  wake(): Promise<void> {
    if (this.catching) {
      this.wakeAgain = true;
      return this.catching;
    }
    this.catching = (async () => {
      try {
        do {
          this.wakeAgain = false;
          await this.exclusive(() => this.catchUp());
        } while (this.wakeAgain && !this.closed);
      } catch (err) {
        this.log(`catch-up failed: ${(err as Error).message}`);
      } finally {
        this.catching = undefined;
      }
    })();
    return this.catching;
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.closed = true;
    clearInterval(this.pollTimer);
    await this.catching;
    await this.listener?.end().catch(() => {});
    await this.pool.end();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => {});
    return run;
  }

  /**
   * Replaces memory with the materialised items: at start, and when this member fell behind
   * compaction (the journal rows it still needed are gone, but items hold their effect).
   * Returns the keys whose value may have changed.
   */
  private async load(c: pg.ClientBase): Promise<Set<string>> {
    const { seq, rows } = await readAllItems(c);
    const changed = new Set<string>();
    for (const [coll, m] of this.colls) for (const id of m.keys()) changed.add(itemKey(coll, id));
    this.colls.clear();
    for (const [coll, id, value] of rows) {
      let m = this.colls.get(coll);
      if (!m) this.colls.set(coll, (m = new Map()));
      m.set(id, JSON.parse(value));
      changed.add(itemKey(coll, id));
    }
    this.applied = seq;
    return changed;
  }

  private async listen(): Promise<void> {
    const c = new pg.Client({ connectionString: this.opts.url });
    c.on('notification', () => void this.wake());
    c.on('error', (err) => {
      this.log(`postgres listener: ${err.message}; catching up by polling until it reconnects`);
      if (this.listener === c) this.listener = undefined;
    });
    await c.connect();
    await c.query(`LISTEN ${this.channel}`);
    this.listener = c;
    this.pollTimer = setInterval(() => {
      void this.wake();
      if (!this.listener && !this.closed) void this.listen().catch(() => {});
    }, this.opts.pollMs ?? 1000);
    this.pollTimer.unref();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.exclusive(() => this.writeBatch());
    } finally {
      this.flushing = undefined;
    }
  }

  private async catchUp(): Promise<void> {
    if (this.closed) return;
    const c = await this.pool.connect();
    try {
      await this.applyRemoteSince(c, Number.POSITIVE_INFINITY);
    } finally {
      c.release();
    }
  }

  /** Applies journal rows after `applied` (up to `head`) and tells the handlers what changed. */
  private async applyRemoteSince(c: pg.ClientBase, head: number): Promise<boolean> {
    let changed = new Set<string>();
    let reloaded = false;
    while (this.applied < head) {
      const rows = await readOpsAfter(c, this.applied, CATCH_UP_ROWS);
      if (rows.length === 0 ? (await readHead(c, false)).compacted > this.applied : Number(rows[0]![0]) !== this.applied + 1) {
        this.log(`journal rows after ${this.applied} were compacted away before this member read them; reloading the collections`);
        changed = await this.load(c);
        this.touchedAt.clear();
        // Queued entries were applied to the memory just replaced, so their effects are gone: refuse them.
        refuseStale(this.pending.splice(0));
        reloaded = true;
        break;
      }
      const apply: RemoteApply = { colls: this.colls, touchedAt: this.touchedAt, changed, claims: this.claims };
      for (const [seq, ops] of rows) {
        applyRemote(apply, Number(seq), JSON.parse(ops) as StoreOp[]);
        this.applied = Number(seq);
      }
      if (rows.length < CATCH_UP_ROWS) break;
    }
    this.emit(changed);
    return reloaded;
  }

  private emit(keys: Set<string>): void {
    if (keys.size === 0 || this.remoteHandlers.length === 0) return;
    const changes = [...keys].map((k) => {
      const [coll, id] = splitItemKey(k);
      return { coll, id, value: this.colls.get(coll)?.get(id) };
    });
    for (const fn of this.remoteHandlers) fn(changes);
  }

  private async writeBatch(): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    // Captured before the first await: memory holds exactly this batch's effects on its keys.
    const json = new BatchJson();
    const writes = captureWrites(this.colls, batch, json);
    const texts = new Map(batch.map((e) => [e, json.ops(e.ops)]));
    const t0 = process.hrtime.bigint();
    const c = await this.pool.connect();
    let rejected: Pending[] = [];
    let accepted: Pending[] = [];
    let stale: Pending[] = [];
    try {
      const head = await lockHead(c);
      // After a reload memory is the database's: every entry in flight was built on a state too old to check.
      if (await this.applyRemoteSince(c, head.seq)) stale = batch;
      else ({ accepted, rejected } = this.sortOut(batch));
      const repair = new Set<string>(this.dirty);
      for (const e of rejected) for (const k of e.items) repair.add(k);
      await this.restore(c, repair, head.seq);
      if (accepted.length > 0) {
        const keys = new Set(accepted.flatMap((e) => e.items));
        const items: ItemWrites = { deletes: writes.deletes.filter((k) => keys.has(k)), upserts: writes.upserts.filter(([k]) => keys.has(k)) };
        const entries = accepted.map((e) => texts.get(e)!);
        await writeEntries(c, this.member, head.seq + 1, entries, items, this.channel);
        this.journalStats.bytes += entries.reduce((n, t) => n + t.length, 0);
      }
      await c.query('COMMIT');
      this.applied = head.seq + accepted.length;
      this.dirty.clear();
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      for (const e of batch) for (const k of e.items) this.dirty.add(k);
      for (const e of batch) e.reject(err);
      return;
    } finally {
      c.release();
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    this.journalStats.fsyncs++;
    this.journalStats.fsyncSecondsTotal += secs;
    this.journalStats.fsyncSecondsMax = Math.max(this.journalStats.fsyncSecondsMax, secs);
    this.sinceCompaction += accepted.length;
    this.trimTouched();
    for (const e of accepted) e.resolve();
    refuseStale(stale);
    for (const e of rejected) e.reject(new SocdeckError('conflict', 'another socdeck member changed the same item first; reload and try again', { keys: e.items.slice(0, 5) }));
  }

  /**
   * An entry conflicts when a key it wrote was changed by another member (or restored) after
   * its base, or was written by an earlier entry that conflicted. Entries still queued behind
   * the batch that touch a restored key are refused too: they were built on the refused state.
   */
  private sortOut(batch: Pending[]): { accepted: Pending[]; rejected: Pending[] } {
    const bad = new Set<string>(this.dirty);
    const accepted: Pending[] = [];
    const rejected: Pending[] = [];
    const conflicts = (e: Pending) => e.keys.some((k) => bad.has(k) || (this.touchedAt.get(k) ?? -1) > e.base);
    for (const e of batch) {
      if (conflicts(e)) {
        rejected.push(e);
        for (const k of e.keys) bad.add(k);
      } else accepted.push(e);
    }
    if (rejected.length > 0) {
      this.pending = this.pending.filter((e) => {
        if (!e.keys.some((k) => bad.has(k))) return true;
        rejected.push(e);
        return false;
      });
    }
    return { accepted, rejected };
  }

  /** Puts the database's values of `keys` back in memory (under the head lock, so as of `head`). */
  private async restore(c: pg.ClientBase, keys: Set<string>, head: number): Promise<void> {
    if (keys.size === 0) return;
    const list = [...keys];
    const found = new Map((await readItems(c, list)).map(([coll, id, value]) => [itemKey(coll, id), value]));
    for (const k of list) {
      const [coll, id] = splitItemKey(k);
      const v = found.get(k);
      let m = this.colls.get(coll);
      if (v === undefined) m?.delete(id);
      else {
        if (!m) this.colls.set(coll, (m = new Map()));
        m.set(id, JSON.parse(v));
      }
      this.touchedAt.set(k, head);
    }
    this.emit(keys);
  }

  /** Conflict marks older than every queued entry's base can no longer matter. */
  private trimTouched(): void {
    if (this.pending.length === 0) {
      this.touchedAt.clear();
      return;
    }
    const oldest = Math.min(...this.pending.map((e) => e.base));
    for (const [k, s] of this.touchedAt) if (s <= oldest) this.touchedAt.delete(k);
  }
}

/** Entries built on memory this member replaced after falling behind compaction. */
function refuseStale(entries: readonly Pending[]): void {
  for (const e of entries) e.reject(new SocdeckError('conflict', 'this member fell behind compaction and reloaded its collections; reload and try again', { keys: e.items.slice(0, 5) }));
}

/** The batch's net writes per item, in first-touch order, as JSON taken from memory now. */
function captureWrites(colls: Collections, batch: readonly Pending[], json: BatchJson): ItemWrites {
  const deletes: string[] = [];
  const upserts: [string, string][] = [];
  const deleted = new Set<string>();
  const seen = new Set<string>();
  for (const e of batch) {
    for (const op of e.ops) if (op.op === 'del') deleted.add(itemKey(op.coll, op.id));
  }
  for (const e of batch) {
    for (const k of e.items) {
      if (seen.has(k)) continue;
      seen.add(k);
      const [coll, id] = splitItemKey(k);
      const v = colls.get(coll)?.get(id);
      if (v === undefined || deleted.has(k)) deletes.push(k);
      if (v !== undefined) upserts.push([k, json.value(v)]);
    }
  }
  return { deletes, upserts };
}
