import type { Alert } from '../../shared/alert.js';
import { auditOp } from '../audit/audit-log.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Store, StoreOp } from '../store/store.js';
import { DAEMON_ACTOR } from './triage-service.js';
import { ALERTS } from '../collections.js';

/**
 * Brings snoozed alerts back when their time comes: clears `snoozedUntil` as a normal
 * attributed, audited change, so every attached queue sees the row return (highlighted).
 * It follows which alerts are snoozed from the bus, so the check every few seconds reads those
 * few rather than scanning every alert (~100 ms at 100k, a stall in every attached queue).
 */
export class SnoozeWaker {
  private readonly snoozed = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    for (const a of store.values<Alert>(ALERTS)) if (a.snoozedUntil !== undefined) this.snoozed.add(a.id);
    bus.on('alerts.upserted', (alerts) => {
      for (const a of alerts) {
        if (a.snoozedUntil !== undefined) this.snoozed.add(a.id);
        else this.snoozed.delete(a.id);
      }
    });
  }

  /** Wakes every alert whose snooze has passed, in one commit; returns how many. */
  async wake(): Promise<number> {
    const now = this.clock.now();
    const at = new Date(now).toISOString();
    const woken: Alert[] = [];
    const ops: StoreOp[] = [];
    for (const id of this.snoozed) {
      const a = this.store.get<Alert>(ALERTS, id);
      if (a?.snoozedUntil === undefined) {
        this.snoozed.delete(id);
        continue;
      }
      if (Date.parse(a.snoozedUntil) > now) continue;
      const { snoozedUntil, ...rest } = a;
      const next: Alert = { ...rest, rev: a.rev + 1, lastChange: { actor: DAEMON_ACTOR, action: 'unsnooze', at, rev: a.rev + 1 } };
      woken.push(next);
      ops.push({ op: 'put', coll: ALERTS, id: a.id, value: next });
      ops.push(auditOp({ at, actor: DAEMON_ACTOR, action: 'unsnooze', target: { kind: 'alert', id: a.id }, before: { snoozedUntil }, after: { snoozedUntil: null } }));
    }
    if (woken.length === 0) return 0;
    await this.store.commit(ops);
    this.bus.emit('alerts.upserted', woken);
    return woken.length;
  }
}
