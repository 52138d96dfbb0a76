import type { ActionContext } from './triage-actions.js';

/**
 * Clocks fetched for the queue order. The daemon lists running clocks most urgent first, so
 * these are the ones that decide the top of the queue; alerts past them keep severity order.
 * Bounded because every poll carries them all (under 1 kB each).
 */
export const SLA_ORDER_LIMIT = 2000;

/** How often the queue order follows the clocks: business minutes move slowly, and each refresh may move rows. */
export const SLA_ORDER_POLL_MS = 15_000;

/** Fetches the running alert clocks and re-sorts the queue by them. */
export async function loadSlaOrder(ctx: Pick<ActionContext, 'store' | 'daemon'>): Promise<void> {
  if (!ctx.daemon) return;
  const { clocks } = await ctx.daemon.request('sla.list', { kind: 'alert', limit: SLA_ORDER_LIMIT });
  ctx.store.setSlaClocks(clocks);
}
