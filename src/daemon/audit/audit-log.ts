import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '../../shared/triage.js';
import type { Store, StoreOp } from '../store/store.js';

export const AUDIT = 'audit';

/**
 * Append-only record of every analyst action: actor, time, action, target, and the changed
 * fields before and after. Entries are written in the same store commit as the change they
 * describe, so the log can never disagree with the state.
 */
export class AuditLog {
  private counter = 0;

  constructor(private readonly store: Store) {
    // Ids sort by time; resume the counter so ids stay unique across restarts within one ms.
    this.counter = store.count(AUDIT);
  }

  /** A put op for one entry; the caller commits it together with the change. */
  entry(e: Omit<AuditEntry, 'id'>): StoreOp {
    this.counter++;
    const id = `${Date.parse(e.at).toString(36).padStart(9, '0')}-${this.counter.toString(36).padStart(6, '0')}`;
    return { op: 'put', coll: AUDIT, id, value: { id, ...e } satisfies AuditEntry };
  }

  /** Newest first. */
  list(q: z.infer<typeof AuditQuery>): { entries: AuditEntry[]; total: number } {
    const all = this.store.values<AuditEntry>(AUDIT).filter(
      (e) => (!q.alertId || (e.target.kind === 'alert' && e.target.id === q.alertId)) && (!q.actor || e.actor === q.actor) && (!q.action || e.action === q.action),
    );
    all.sort((a, b) => (a.id < b.id ? 1 : -1));
    return { entries: all.slice(0, q.limit), total: all.length };
  }
}

/** The fields of `after` that differ from `before`, as two small objects for an audit entry. */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T)[]): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) === JSON.stringify(after[f])) continue;
    b[String(f)] = before[f] ?? null;
    a[String(f)] = after[f] ?? null;
  }
  return { before: b, after: a };
}
