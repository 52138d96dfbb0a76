import { escalateCase, type CaseRequester } from '../../client/case-escalation.js';
import type { Case } from '../../shared/case.js';
import type { ActionContext } from '../triage-actions.js';
import { ListSelection } from './list-selection.js';

export const casesSelection = new ListSelection<Case>();

const say = (ctx: ActionContext, text: string, level: 'info' | 'error' = 'info') => ctx.store.update({ message: { text, level } });

/** `e`: the selected case becomes an incident with every alert of it linked, typed as the case suggests. */
export function escalateSelectedCase(ctx: ActionContext): void {
  const c = casesSelection.selected();
  if (!c) return say(ctx, 'no case selected', 'error');
  if (c.state === 'escalated') return say(ctx, `${c.id} is already escalated to ${c.incidentId}`, 'error');
  if (!ctx.daemon) return say(ctx, 'not connected to the daemon', 'error');
  escalateCase(ctx.daemon as CaseRequester, c.id).then(
    ({ case: linked, incidentId }) => {
      casesSelection.replace(linked);
      casesSelection.changed();
      say(ctx, `${c.id} escalated to ${incidentId} (${linked.alertIds.length} alerts, ${linked.suggested.type})`);
    },
    (err: unknown) => say(ctx, err instanceof Error ? err.message : String(err), 'error'),
  );
}
