import type { JournalStats } from './journal.js';
import type { StoreOp } from './types.js';

/** One value another cluster member changed, as it now stands (undefined: deleted). */
export interface RemoteChange {
  coll: string;
  id: string;
  value: unknown;
}

/**
 * What every service sees of the store, whichever backend keeps it (json: checkpoint +
 * journal in the data dir; postgres: ops table + materialised items). Reads are in memory;
 * `commit` applies at once and resolves when the ops are durable.
 */
export interface StoreBackend {
  readonly backend: 'json' | 'postgres';
  /** Sequence of the last entry applied to this member's memory. */
  readonly seq: number;
  /** Commits since the last checkpoint (json) or compaction (postgres). */
  readonly sinceLastCheckpoint: number;
  readonly journalStats: JournalStats;
  get<T>(coll: string, id: string): T | undefined;
  values<T>(coll: string): T[];
  /** Ids and values of a collection, in the order `values` lists them. */
  entries<T>(coll: string): [id: string, value: T][];
  count(coll: string): number;
  /** Names of the collections that hold anything. */
  collections(): string[];
  commit(ops: StoreOp[]): Promise<void>;
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}
