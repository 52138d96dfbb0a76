import type { StoreOp } from '../types.js';

/**
 * A batch's JSON, each value serialised once: a put's value is both the journal row's payload
 * and its item's, and JSON.stringify of big alert values was a large part of a commit's cost.
 */
export class BatchJson {
  private readonly memo = new Map<unknown, string>();

  value(v: unknown): string {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    let s = this.memo.get(v);
    if (s === undefined) {
      s = JSON.stringify(v);
      this.memo.set(v, s);
    }
    return s;
  }

  ops(ops: readonly StoreOp[]): string {
    const parts = ops.map((op) =>
      op.op === 'put' && op.value !== undefined ? `{"op":"put","coll":${JSON.stringify(op.coll)},"id":${JSON.stringify(op.id)},"value":${this.value(op.value)}}` : JSON.stringify(op),
    );
    return `[${parts.join(',')}]`;
  }
}

/** A JSON array of already-serialised JSON texts, sent as one parameter (no per-element escaping). */
export function jsonArray(texts: readonly string[]): string {
  return `[${texts.join(',')}]`;
}
