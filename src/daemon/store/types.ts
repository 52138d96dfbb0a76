export type StoreOp =
  | { op: 'put'; coll: string; id: string; value: unknown }
  | { op: 'del'; coll: string; id: string };

export interface StoreData {
  version: 1;
  seq: number;
  collections: Record<string, Record<string, unknown>>;
}
