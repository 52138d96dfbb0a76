import type { ActionContext } from './triage-actions.js';

/** Fetches the saved filters this client offers (suppression rules are applied by the daemon's subscription). */
export async function loadTriageContext(ctx: Pick<ActionContext, 'store' | 'daemon'>): Promise<void> {
  if (!ctx.daemon) return;
  const { filters } = await ctx.daemon.request('filters.list');
  ctx.store.update({ savedFilters: filters });
}
