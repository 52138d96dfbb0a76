export type StoreOp =
  | { op: 'put'; coll: string; id: string; value: unknown }
  | { op: 'del'; coll: string; id: string }
  /**
   * Shallow merge of the same fields into many existing values, in place, as columns: each row
   * is `[id, ...values in fields order]`. An ingest batch journals its repeats' counters this
   * way, not their raw events again, and at a third of the bytes (and of the JSON work, most of
   * a commit's cost) of one object per row.
   */
  | { op: 'patch'; coll: string; fields: readonly string[]; rows: readonly (readonly unknown[])[] };

export const STORE_OPS = ['put', 'del', 'patch'] as const satisfies readonly StoreOp['op'][];

export interface StoreData {
  version: 1;
  seq: number;
  collections: Record<string, Record<string, unknown>>;
}
