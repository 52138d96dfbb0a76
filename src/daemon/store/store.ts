import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { SocdeckError } from '../../shared/errors.js';
import { CHECKPOINT_FILE, FsyncJsonFile, tempFileOf } from './fsync-json-file.js';
import { checkpointGap, replaySegments } from './journal-scan.js';
import { Journal, type JournalStats } from './journal.js';
import { acquireLock } from './lock.js';
import { applyOps } from './apply-ops.js';
import type { StoreBackend } from './backend.js';
import type { StoreData, StoreOp } from './types.js';

export type { StoreOp } from './types.js';
/** Services type the store by its contract; `Store.open` opens the json backend. */
export type Store = StoreBackend;

export interface StoreOptions {
  /** Checkpoint after this many journal entries since the last one. */
  checkpointEvery?: number;
  log?: (msg: string) => void;
}

/**
 * The daemon's state: a lowdb JSON document (the checkpoint) plus a write-ahead journal.
 *
 * `commit` applies ops to memory at once (so the next reader, e.g. dedup, sees them) and
 * resolves only after the journal fsync: callers acknowledge to the outside world on that.
 * The only module that imports lowdb.
 */
export class JsonStore implements StoreBackend {
  readonly backend = 'json' as const;
  private readonly db: Low<StoreData>;
  private journal!: Journal;
  private releaseLock: () => void = () => {};
  private sinceCheckpoint = 0;
  /**
   * The collections, as Maps: listing 100k alerts from a Map costs a few ms, against ~100 ms
   * for the same values in an object with 100k keys. The checkpoint file holds them as objects.
   */
  private readonly colls = new Map<string, Map<string, unknown>>();
  private checkpointing: Promise<void> | undefined;
  private readonly checkpointEvery: number;
  private readonly log: (msg: string) => void;
  readonly journalDir: string;

  private constructor(
    readonly dir: string,
    opts: StoreOptions,
  ) {
    this.db = new Low<StoreData>(new FsyncJsonFile(join(dir, CHECKPOINT_FILE)), { version: 1, seq: 0, collections: {} });
    this.journalDir = join(dir, 'journal');
    this.checkpointEvery = opts.checkpointEvery ?? 50_000;
    this.log = opts.log ?? (() => {});
  }

  static async open(dir: string, opts: StoreOptions = {}): Promise<JsonStore> {
    const store = new JsonStore(dir, opts);
    mkdirSync(store.journalDir, { recursive: true, mode: 0o700 });
    store.releaseLock = acquireLock(dir);
    try {
      await store.load();
    } catch (err) {
      store.releaseLock();
      throw err;
    }
    return store;
  }

  private async load(): Promise<void> {
    const checkpointFile = join(this.dir, CHECKPOINT_FILE);
    // A temp file is a checkpoint write that never reached its rename: never valid, never read.
    rmSync(tempFileOf(checkpointFile), { force: true });
    const hadCheckpoint = existsSync(checkpointFile);
    await this.db.read();
    const data = this.db.data;
    for (const [name, values] of Object.entries(data.collections)) this.colls.set(name, new Map(Object.entries(values)));
    // Rebuilt from the Maps at each checkpoint; meanwhile the loaded objects need not be kept.
    data.collections = {};
    const { entries, tornLines } = replaySegments(this.journalDir);
    const gap = checkpointGap(hadCheckpoint ? data.seq : undefined, entries[0]?.s);
    if (gap) throw new SocdeckError('store_corrupt', `${this.dir}: ${gap}`, { file: checkpointFile });
    for (const t of tornLines) this.log(`journal: ignored torn last line ${t.file}:${t.line} (write interrupted by a crash)`);
    let replayed = 0;
    for (const e of entries) {
      if (e.s <= data.seq) continue;
      this.applyOps(e.o);
      data.seq = e.s;
      replayed++;
    }
    this.journal = await Journal.openNew(this.journalDir);
    if (replayed > 0 || tornLines.length > 0) {
      this.log(`journal: replayed ${replayed} entries after checkpoint`);
      await this.checkpoint();
    }
  }

  get seq(): number {
    return this.db.data.seq;
  }

  /** Commits since the last checkpoint: what a restart would replay. */
  get sinceLastCheckpoint(): number {
    return this.sinceCheckpoint;
  }

  get journalStats(): JournalStats {
    return this.journal.stats;
  }

  get<T>(coll: string, id: string): T | undefined {
    return this.colls.get(coll)?.get(id) as T | undefined;
  }

  /** Live values of a collection, in the order they were first put; callers must not mutate them (a `patch` op does, in place). */
  values<T>(coll: string): T[] {
    const c = this.colls.get(coll);
    return c ? (Array.from(c.values()) as T[]) : [];
  }

  count(coll: string): number {
    return this.colls.get(coll)?.size ?? 0;
  }

  entries<T>(coll: string): [string, T][] {
    const c = this.colls.get(coll);
    return c ? (Array.from(c.entries()) as [string, T][]) : [];
  }

  collections(): string[] {
    return [...this.colls.keys()];
  }

  /** Applies ops atomically (one journal line) and resolves once they are durable. */
  commit(ops: StoreOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    const data = this.db.data;
    this.applyOps(ops);
    data.seq++;
    const durable = this.journal.append({ s: data.seq, o: ops });
    if (++this.sinceCheckpoint >= this.checkpointEvery) void this.checkpoint().catch((err) => this.log(`checkpoint failed: ${String(err)}`));
    return durable;
  }

  /**
   * Writes the whole state to checkpoint.json and drops the journal segments it covers.
   * The snapshot is taken synchronously right after the journal drains, so it holds exactly
   * the entries in the segments being retired.
   */
  checkpoint(): Promise<void> {
    this.checkpointing ??= (async () => {
      try {
        while (!this.journal.idle) await this.journal.drain();
        const retired = this.journal.rotate();
        this.sinceCheckpoint = 0;
        // The adapter serialises before its first await, so the file holds exactly this moment.
        const data = this.db.data;
        data.collections = Object.fromEntries(Array.from(this.colls, ([name, c]) => [name, Object.fromEntries(c)]));
        try {
          await this.db.write();
        } finally {
          data.collections = {};
        }
        this.journal.removeSegments(retired);
      } finally {
        this.checkpointing = undefined;
      }
    })();
    return this.checkpointing;
  }

  async close(): Promise<void> {
    await this.checkpointing;
    await this.journal.close();
    this.releaseLock();
  }

  private applyOps(ops: StoreOp[]): void {
    applyOps(this.colls, ops);
  }
}

export const Store = JsonStore;
