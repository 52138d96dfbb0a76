import type { Alert } from '../../shared/alert.js';
import { compareQueue, matchesQuery, slaKey } from '../../shared/alert-order.js';
import { SocdeckError } from '../../shared/errors.js';
import { compileFilterParam } from '../../shared/filter/index.js';
import type { Clock } from '../clock.js';
import type { RpcRegistry } from '../module.js';
import type { Store } from '../store/store.js';
import type { IncomingRecord, Intake } from '../intake.js';
import { alertClockFacts } from './alert-queue-source.js';
import { SuppressionIndex } from './suppressions.js';
import { ALERTS } from '../collections.js';
import { keysetPage, replyBytes } from '../store/keyset-page.js';

export function registerAlertMethods(rpc: RpcRegistry, store: Store, intake: Intake, clock: Clock = { now: Date.now }): void {
  const suppressions = new SuppressionIndex(store);
  rpc.register('alerts.list', (params, session) => {
    const q = params ?? {};
    const now = clock.now();
    const filter = q.filter ? compileFilterParam(q.filter, 'filter').match : undefined;
    const suppressed = q.includeSuppressed ? () => false : suppressions.suppressor(now);
    const ctx = { now, me: session.actor };
    let hidden = 0;
    const match = (a: Alert): boolean => {
      if (!matchesQuery(a, q) || (filter && !filter(a, ctx))) return false;
      if (!suppressed(a)) return true;
      hidden++;
      return false;
    };
    if (q.page) {
      // An export walks in id order: queue order moves as clocks run, so it cannot be resumed.
      const page = keysetPage(store.values<Alert>(ALERTS), { page: q.page, limit: q.limit ?? 500, maxBytes: replyBytes(session), match });
      return { alerts: page.items, total: page.total, suppressed: hidden, ...(page.next ? { next: page.next } : {}) };
    }
    const matching = store.values<Alert>(ALERTS).filter(match);
    // The order the TUI shows: SLA urgency, then severity, then time.
    const ordered = matching.map((alert) => ({ alert, sla: slaKey(alertClockFacts(store, alert, now)) })).sort(compareQueue);
    return { alerts: ordered.slice(0, q.limit ?? 500).map((e) => e.alert), total: matching.length, suppressed: hidden };
  });
  rpc.register('alerts.get', ({ id }) => {
    const a = store.get<Alert>(ALERTS, id);
    if (!a) throw new SocdeckError('not_found', `no alert ${id}`);
    return a;
  });
  rpc.register('alerts.ingest', async ({ source, records }) => {
    const res = await intake.ingest(
      source,
      records.map((value, i) => wsRecord(value, `ws:${i}`)),
    );
    return { accepted: res.accepted, alertIds: res.alertIds, rejected: res.rejected };
  });
}

/** One record of an alerts.ingest call; one that cannot even be serialised (nesting deep enough to exhaust the stack) is quarantined alone. */
function wsRecord(value: unknown, origin: string): IncomingRecord {
  try {
    return { raw: JSON.stringify(value) ?? 'undefined', value, origin };
  } catch (err) {
    return { raw: '', origin, reject: `record could not be serialised: ${err instanceof Error ? err.message : String(err)}` };
  }
}
