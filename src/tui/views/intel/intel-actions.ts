import type { Advisory } from '../../../shared/intel.js';
import type { ActionContext } from '../../triage-actions.js';
import { ListSelection } from '../list-selection.js';

/** The :intel view's advisories and cursor, outside React so the binding table can act on the selection. */
export const intelSelection = new ListSelection<Advisory>();

const say = ({ store }: ActionContext, text: string, level: 'info' | 'error' = 'info') => store.update({ message: { text, level } });

type Step = 'advisories.review' | 'advisories.publish';

function step(ctx: ActionContext, method: Step, done: (a: Advisory) => string): void {
  const a = intelSelection.selected();
  if (!a) return say(ctx, 'no advisory selected', 'error');
  if (!ctx.daemon) return say(ctx, 'not connected to the daemon', 'error');
  ctx.daemon.request(method, { id: a.id, rev: a.rev }).then(
    (next) => {
      intelSelection.replace(next);
      say(ctx, done(next));
    },
    (err: unknown) => say(ctx, err instanceof Error ? err.message : String(err), 'error'),
  );
}

/** `r`: mark the selected draft reviewed. */
export function reviewAdvisory(ctx: ActionContext): void {
  step(ctx, 'advisories.review', (a) => `reviewed ${a.id}`);
}

/** `p`: publish a reviewed advisory; the daemon renders its Markdown report. */
export function publishAdvisory(ctx: ActionContext): void {
  step(ctx, 'advisories.publish', (a) => `published ${a.id}: ${a.report ?? ''}`);
}

/** `x`: dismiss with a reason (asked in the footer prompt). */
export function dismissAdvisory(ctx: ActionContext): void {
  const a = intelSelection.selected();
  if (!a) return say(ctx, 'no advisory selected', 'error');
  ctx.store.update({
    prompt: {
      kind: 'input',
      label: `dismiss ${a.id}, reason: `,
      text: '',
      submit: (text) => {
        if (!text.trim()) return 'a reason is required';
        if (!ctx.daemon) return 'not connected to the daemon';
        ctx.daemon.request('advisories.dismiss', { id: a.id, rev: a.rev, reason: text.trim() }).then(
          (next) => {
            intelSelection.replace(next);
            say(ctx, `dismissed ${next.id}`);
          },
          (err: unknown) => say(ctx, err instanceof Error ? err.message : String(err), 'error'),
        );
        return undefined;
      },
    },
    message: undefined,
  });
}
