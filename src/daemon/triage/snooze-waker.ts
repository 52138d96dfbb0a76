import type { Alert } from '../../shared/alert.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Store, StoreOp } from '../store/store.js';
import { ALERTS } from './alert-intake.js';
import { DAEMON_ACTOR } from './triage-service.js';

/**
 * Brings snoozed alerts back when their time comes: clears `snoozedUntil` as a normal
 * attributed, audited change, so every attached queue sees the row return (highlighted).
 */
export async function wakeSnoozed(store: Store, bus: Bus, clock: Clock, audit: AuditLog): Promise<number> {
  const now = clock.now();
  const at = new Date(now).toISOString();
  const woken: Alert[] = [];
  const ops: StoreOp[] = [];
  for (const a of store.values<Alert>(ALERTS)) {
    if (a.snoozedUntil === undefined || Date.parse(a.snoozedUntil) > now) continue;
    const { snoozedUntil, ...rest } = a;
    const next: Alert = { ...rest, rev: a.rev + 1, lastChange: { actor: DAEMON_ACTOR, action: 'unsnooze', at, rev: a.rev + 1 } };
    woken.push(next);
    ops.push({ op: 'put', coll: ALERTS, id: a.id, value: next });
    ops.push(audit.entry({ at, actor: DAEMON_ACTOR, action: 'unsnooze', target: { kind: 'alert', id: a.id }, before: { snoozedUntil }, after: { snoozedUntil: null } }));
  }
  if (woken.length === 0) return 0;
  await store.commit(ops);
  bus.emit('alerts.upserted', woken);
  return woken.length;
}
