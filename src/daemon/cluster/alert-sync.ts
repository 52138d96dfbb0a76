import type { Alert } from '../../shared/alert.js';
import type { Bus } from '../bus.js';
import type { ClaimsOf } from '../store/postgres/entry-keys.js';
import type { PgStore } from '../store/postgres/pg-store.js';
import { ALERTS } from '../collections.js';
import type { Intake } from '../intake.js';
import { dedupKey } from '../sources/fingerprint.js';

/** A new or rewritten alert row claims its dedup key: two members creating rows for one key at once conflict. */
export const alertClaims: ClaimsOf = (op) => (op.op === 'put' && op.coll === ALERTS ? [`alert:${dedupKey(op.value as Alert)}`] : []);

/**
 * Alerts other members wrote reach this member's listeners as if ingested here: the queue and
 * every attached TUI, and intake's dedup index so repeats fold into the same row.
 */
export function relayRemoteAlerts(store: PgStore, bus: Bus, intake: Intake): void {
  store.onRemote((changes) => {
    const upserted: Alert[] = [];
    const removed: string[] = [];
    for (const c of changes) {
      if (c.coll !== ALERTS) continue;
      if (c.value === undefined) removed.push(c.id);
      else upserted.push(c.value as Alert);
    }
    if (upserted.length > 0) {
      intake.learn(upserted);
      bus.emit('alerts.upserted', upserted);
    }
    if (removed.length > 0) bus.emit('alerts.removed', removed);
  });
}
