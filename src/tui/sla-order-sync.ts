import type { SlaClockInfo } from '../shared/calendar/sla-clock-info.js';
import type { ActionContext } from './triage-actions.js';

/** Ids per `sla.list` request (the method's cap). */
const IDS_PER_REQUEST = 5000;

/**
 * Rows whose clocks are fetched for the queue order. The daemon's snapshot already holds the
 * most urgent matches, so these are normally all the rows; past the bound, rows that arrived
 * later by delta keep severity order until the next snapshot.
 */
export const SLA_ORDER_LIMIT = 10_000;

/** How often the queue order follows the clocks (a clock's due time moves only when it pauses or resumes). */
export const SLA_ORDER_POLL_MS = 15_000;

/** Fetches the SLA clocks of the alerts this client holds and re-sorts the queue by them. */
export async function loadSlaOrder(ctx: Pick<ActionContext, 'store' | 'daemon'>): Promise<void> {
  const daemon = ctx.daemon;
  if (!daemon) return;
  const ids = ctx.store.heldIds().slice(0, SLA_ORDER_LIMIT);
  const requests: Promise<{ clocks: SlaClockInfo[] }>[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    requests.push(daemon.request('sla.list', { kind: 'alert', ids: ids.slice(i, i + IDS_PER_REQUEST), limit: IDS_PER_REQUEST }));
  }
  const pages = await Promise.all(requests);
  ctx.store.setSlaClocks(pages.flatMap((p) => p.clocks));
}
