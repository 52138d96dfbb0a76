import type { Collections } from '../apply-ops.js';
import type { StoreOp } from '../types.js';
import { claimKey, itemKey, type ClaimsOf } from './entry-keys.js';

export interface RemoteApply {
  colls: Collections;
  /** Item key -> seq of the last remote change, for conflict checks of this member's queued entries. */
  touchedAt: Map<string, number>;
  /** Item keys changed, for the remote-change handlers. */
  changed: Set<string>;
  claims: ClaimsOf;
}

/**
 * Another member's entry. A patch replaces the value with a patched copy instead of writing
 * into it: a holder of the old object (intake's dedup index) can tell by identity that someone
 * else moved the row, which an in-place write would hide.
 */
export function applyRemote(a: RemoteApply, seq: number, ops: readonly StoreOp[]): void {
  for (const op of ops) {
    for (const c of a.claims(op)) a.touchedAt.set(claimKey(c), seq);
    let coll = a.colls.get(op.coll);
    if (!coll) a.colls.set(op.coll, (coll = new Map()));
    if (op.op === 'patch') {
      for (const row of op.rows) {
        const id = row[0] as string;
        const old = coll.get(id) as Record<string, unknown> | undefined;
        if (old === undefined) continue;
        const next = { ...old };
        for (let k = 0; k < op.fields.length; k++) next[op.fields[k]!] = row[k + 1];
        coll.set(id, next);
        mark(a, seq, itemKey(op.coll, id));
      }
      continue;
    }
    if (op.op === 'put') coll.set(op.id, op.value);
    else coll.delete(op.id);
    mark(a, seq, itemKey(op.coll, op.id));
  }
}

function mark(a: RemoteApply, seq: number, key: string): void {
  a.touchedAt.set(key, seq);
  a.changed.add(key);
}
