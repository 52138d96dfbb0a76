import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '../../shared/triage.js';
import type { Store, StoreOp } from '../store/store.js';
import { AUDIT } from '../collections.js';
import type { PageParam } from '../../shared/paging.js';
import { DEFAULT_REPLY_BYTES, keysetPage } from '../store/keyset-page.js';

/** Orders the entries one process writes within a millisecond (a bulk action writes many). */
let sequence = 0;
/** Keeps two processes' (or two runs') ids apart when time and sequence agree. */
const PROCESS_TAIL = randomBytes(4).toString('hex');

/**
 * A put op for one audit entry; the caller commits it in the same store commit as the change it
 * describes, so the log can never disagree with the state. Ids sort by time, then by the order
 * they were made in.
 */
export function auditOp(e: Omit<AuditEntry, 'id'>): StoreOp {
  sequence = (sequence + 1) % 36 ** 6;
  const id = `${Date.parse(e.at).toString(36).padStart(9, '0')}-${sequence.toString(36).padStart(6, '0')}${PROCESS_TAIL}`;
  return { op: 'put', coll: AUDIT, id, value: { id, ...e } satisfies AuditEntry };
}

/**
 * Runs an action whose changes its own service commits (a feed import, a scan of a path, a
 * test message) and then audits it with what it did. The entry follows the change in the next
 * commit rather than sharing it; an action that fails leaves none, its error goes to the analyst.
 */
export async function audited<T>(
  store: Store,
  now: () => number,
  e: Pick<AuditEntry, 'actor' | 'action'> & { target: AuditEntry['target'] | ((result: T) => AuditEntry['target']) },
  run: () => Promise<T>,
  after: (result: T) => Record<string, unknown>,
): Promise<T> {
  const result = await run();
  const target = typeof e.target === 'function' ? e.target(result) : e.target;
  await store.commit([auditOp({ actor: e.actor, action: e.action, target, at: new Date(now()).toISOString(), before: {}, after: after(result) })]);
  return result;
}

/** The audit log (every analyst action, see auditOp), newest first. */
export function listAudit(store: Store, q: z.infer<typeof AuditQuery> & { page?: PageParam }, maxBytes = DEFAULT_REPLY_BYTES): { entries: AuditEntry[]; total: number; next?: string } {
  const match = (e: AuditEntry) => (!q.alertId || (e.target.kind === 'alert' && e.target.id === q.alertId)) && (!q.actor || e.actor === q.actor) && (!q.action || e.action === q.action);
  if (q.page) {
    const page = keysetPage(store.values<AuditEntry>(AUDIT), { page: q.page, limit: q.limit, maxBytes, match });
    return { entries: page.items, total: page.total, ...(page.next ? { next: page.next } : {}) };
  }
  const all = store.values<AuditEntry>(AUDIT).filter(match);
  all.sort((a, b) => (a.id < b.id ? 1 : -1));
  return { entries: all.slice(0, q.limit), total: all.length };
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
