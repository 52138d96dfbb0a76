import type { Finding } from '../../../shared/scan.js';
import type { ActionContext } from '../../triage-actions.js';
import { ListSelection } from '../list-selection.js';

export const findingsSelection = new ListSelection<Finding>();

const say = (ctx: ActionContext, text: string, level: 'info' | 'error' = 'info') => ctx.store.update({ message: { text, level } });

function withSelected(ctx: ActionContext, run: (f: Finding, daemon: NonNullable<ActionContext['daemon']>) => Promise<string>): void {
  const f = findingsSelection.selected();
  if (!f) return say(ctx, 'no finding selected', 'error');
  if (!ctx.daemon) return say(ctx, 'not connected to the daemon', 'error');
  run(f, ctx.daemon).then(
    (text) => {
      findingsSelection.changed();
      say(ctx, text);
    },
    (err: unknown) => say(ctx, err instanceof Error ? err.message : String(err), 'error'),
  );
}

/** `v`: rescans just the selected finding; the daemon marks it fixed or reopened. */
export function verifyFinding(ctx: ActionContext): void {
  say(ctx, 'verifying…');
  withSelected(ctx, async (f, d) => {
    const { finding, scan } = await d.request('finding.verify', { id: f.id });
    return `${finding.id} is ${finding.status} (scan ${scan.id})`;
  });
}

/** `a`: accept the risk: asks for `DAYS reason`, e.g. `30 legacy host, retired in March`. */
export function acceptFinding(ctx: ActionContext): void {
  const f = findingsSelection.selected();
  if (!f) return say(ctx, 'no finding selected', 'error');
  ctx.store.update({
    prompt: {
      kind: 'input',
      label: `accept ${f.id} for DAYS REASON: `,
      text: '',
      submit: (text) => {
        const m = /^\s*(\d{1,4})\s+(\S.*)$/.exec(text);
        if (!m) return 'write the number of days, then the reason';
        const until = new Date(Date.now() + Number(m[1]) * 86_400_000).toISOString();
        withSelected(ctx, async (sel, d) => {
          const next = await d.request('finding.accept', { id: sel.id, reason: m[2]!.trim(), until });
          return `${next.id} accepted until ${until.slice(0, 10)}`;
        });
        return undefined;
      },
    },
    message: undefined,
  });
}
