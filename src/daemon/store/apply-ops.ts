import type { StoreOp } from './types.js';

/** The in-memory collections every backend keeps: Maps, in the order values were first put. */
export type Collections = Map<string, Map<string, unknown>>;

export function applyOps(colls: Collections, ops: readonly StoreOp[]): void {
  for (const op of ops) {
    let coll = colls.get(op.coll);
    if (!coll) colls.set(op.coll, (coll = new Map()));
    if (op.op === 'patch') patchRows(coll, op.fields, op.rows);
    else if (op.op === 'put') coll.set(op.id, op.value);
    else coll.delete(op.id);
  }
}

/**
 * In place: a patch is noisy rows' counters moving with every ingest batch, and a copy of each
 * row per batch was most of what ingest left to the garbage collector. Readers holding a row see
 * the new fields. A patch of a missing value would resurrect a fragment: it is skipped, the put
 * it patched was deleted.
 */
function patchRows(coll: Map<string, unknown>, fields: readonly string[], rows: readonly (readonly unknown[])[]): void {
  for (const row of rows) {
    const value = coll.get(row[0] as string) as Record<string, unknown> | undefined;
    if (value === undefined) continue;
    for (let k = 0; k < fields.length; k++) value[fields[k]!] = row[k + 1];
  }
}
