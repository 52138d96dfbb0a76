import type { ActionContext } from './triage-actions.js';

/** Fetches the suppression rules and saved filters this client applies and offers. */
export async function loadTriageContext(ctx: Pick<ActionContext, 'store' | 'daemon'>): Promise<void> {
  if (!ctx.daemon) return;
  const [sup, filters] = await Promise.all([ctx.daemon.request('suppressions.list'), ctx.daemon.request('filters.list')]);
  ctx.store.setSuppressions(sup.rules.filter((r) => !r.expired));
  ctx.store.update({ savedFilters: filters.filters });
}
