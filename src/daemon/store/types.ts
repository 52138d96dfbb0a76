export type StoreOp =
  | { op: 'put'; coll: string; id: string; value: unknown }
  | { op: 'del'; coll: string; id: string }
  /** Shallow merge into an existing value, in place: a repeat alert journals its counters, not its raw event again. */
  | { op: 'patch'; coll: string; id: string; fields: Record<string, unknown> };

export interface StoreData {
  version: 1;
  seq: number;
  collections: Record<string, Record<string, unknown>>;
}
