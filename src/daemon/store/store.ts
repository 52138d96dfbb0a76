import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { SocdeckError } from '../../shared/errors.js';
import { CHECKPOINT_FILE, FsyncJsonFile, tempFileOf } from './fsync-json-file.js';
import { checkpointGap, replaySegments } from './journal-scan.js';
import { Journal, type JournalStats } from './journal.js';
import { acquireLock } from './lock.js';
import { applyOps, InMemoryCollections, undoOps, type Undo } from './apply-ops.js';
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
export class JsonStore extends InMemoryCollections implements StoreBackend {
  readonly backend = 'json' as const;
  private readonly db: Low<StoreData>;
  private journal!: Journal;
  private releaseLock: () => void = () => {};
  private sinceCheckpoint = 0;
  /** How to take back each commit not yet durable, by sequence number. */
  private readonly undo = new Map<number, Undo[]>();
  private checkpointing: Promise<void> | undefined;
  private readonly checkpointEvery: number;
  private readonly log: (msg: string) => void;
  readonly journalDir: string;

  private constructor(
    readonly dir: string,
    opts: StoreOptions,
  ) {
    super();
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
    this.journal.onFailed = (firstSeq) => this.undoFrom(firstSeq);
    if (replayed > 0) this.log(`journal: replayed ${replayed} entries after checkpoint`);
    // Replayed entries stay in their segments and count toward the next checkpoint: writing one
    // here cost a restart more than the replay itself (2 s at 100k alerts). A torn line is
    // checkpointed away at once, so no later start finds it in a segment that is not the last.
    this.sinceCheckpoint = replayed;
    if (tornLines.length > 0) await this.checkpoint();
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

  /**
   * Applies ops atomically (one journal line) and resolves once they are durable. When the write
   * fails (a full disk), the ops are taken back out of memory before the promise rejects, so a
   * caller that answers "not stored" (503) tells the truth, and a retry is not counted twice.
   */
  commit(ops: StoreOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    const data = this.db.data;
    const seq = data.seq + 1;
    const undo: Undo[] = [];
    this.applyOps(ops, undo);
    this.undo.set(seq, undo);
    data.seq = seq;
    const durable = this.journal.append({ s: seq, o: ops }).then(() => void this.undo.delete(seq));
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

  private applyOps(ops: StoreOp[], undo?: Undo[]): void {
    applyOps(this.colls, ops, undo);
  }

  /** Takes back every commit from `firstSeq` on, newest first: their journal write failed. */
  private undoFrom(firstSeq: number): void {
    const seqs = [...this.undo.keys()].filter((s) => s >= firstSeq).sort((a, b) => b - a);
    for (const s of seqs) {
      undoOps(this.undo.get(s)!);
      this.undo.delete(s);
    }
    if (seqs.length > 0) this.db.data.seq = firstSeq - 1;
    this.log(`journal write failed: took back ${seqs.length} commit(s) from sequence ${firstSeq}; the next commit writes again`);
  }
}

export const Store = JsonStore;
