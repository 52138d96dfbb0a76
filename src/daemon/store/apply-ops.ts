import type { StoreOp } from './types.js';

/** The in-memory collections every backend keeps: Maps, in the order values were first put. */
export type Collections = Map<string, Map<string, unknown>>;

/** The reads every backend serves from memory: Maps, so listing 100k values costs a few ms. */
export abstract class InMemoryCollections {
  protected readonly colls: Collections = new Map();

  get<T>(coll: string, id: string): T | undefined {
    return this.colls.get(coll)?.get(id) as T | undefined;
  }

  /** Live values of a collection, in the order they were first put; callers must not mutate them (a `patch` op does, in place). */
  values<T>(coll: string): T[] {
    const c = this.colls.get(coll);
    return c ? (Array.from(c.values()) as T[]) : [];
  }

  entries<T>(coll: string): [string, T][] {
    const c = this.colls.get(coll);
    return c ? (Array.from(c.entries()) as [string, T][]) : [];
  }

  count(coll: string): number {
    return this.colls.get(coll)?.size ?? 0;
  }

  collections(): string[] {
    return [...this.colls.keys()];
  }
}

/** One op taken back: the value the id had before it (none when `had` is false). */
export interface Undo {
  coll: Map<string, unknown>;
  id: string;
  had: boolean;
  readonly value: unknown;
}

/**
 * Applies ops in memory. With `undo`, notes what takes them back (the JSON store keeps it until
 * the journal write is durable, and undoes a failed one); replay and remote apply pass none.
 */
export function applyOps(colls: Collections, ops: readonly StoreOp[], undo?: Undo[]): void {
  for (const op of ops) {
    let coll = colls.get(op.coll);
    if (!coll) colls.set(op.coll, (coll = new Map()));
    if (op.op === 'patch') patchRows(coll, op.fields, op.rows, undo);
    else {
      undo?.push({ coll, id: op.id, had: coll.has(op.id), value: coll.get(op.id) });
      if (op.op === 'put') coll.set(op.id, op.value);
      else coll.delete(op.id);
    }
  }
}

/** Takes back what `applyOps` noted, newest first. */
export function undoOps(undo: readonly Undo[]): void {
  for (let i = undo.length - 1; i >= 0; i--) {
    const u = undo[i]!;
    if (u.had) u.coll.set(u.id, u.value);
    else u.coll.delete(u.id);
  }
}

/**
 * In place: a patch is noisy rows' counters moving with every ingest batch, and a copy of each
 * row per batch was most of what ingest left to the garbage collector. Readers holding a row see
 * the new fields. A patch of a missing value would resurrect a fragment: it is skipped, the put
 * it patched was deleted.
 */
function patchRows(coll: Map<string, unknown>, fields: readonly string[], rows: readonly (readonly unknown[])[], undo: Undo[] | undefined): void {
  for (const row of rows) {
    const value = coll.get(row[0] as string) as Record<string, unknown> | undefined;
    if (value === undefined) continue;
    if (undo) {
      // Taken back as a new object with the old fields: whoever kept the patched one (intake's
      // dedup index compares by identity) sees that the row changed and reads it again.
      const before: Record<string, unknown> = {};
      for (const f of fields) before[f] = value[f];
      undo.push({
        coll,
        id: row[0] as string,
        had: true,
        get value() {
          return { ...value, ...before };
        },
      });
    }
    for (let k = 0; k < fields.length; k++) value[fields[k]!] = row[k + 1];
  }
}
