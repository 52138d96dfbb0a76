import type { Advisory } from '../../shared/intel.js';
import type { ActionContext } from '../triage-actions.js';

interface Selection {
  rows: readonly Advisory[];
  cursor: number;
}

type Listener = () => void;

/** The :intel view's advisories and cursor, outside React so the binding table can act on the selection. */
class IntelSelection {
  private state: Selection = { rows: [], cursor: 0 };
  private readonly listeners = new Set<Listener>();

  get = (): Selection => this.state;

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  setRows(rows: readonly Advisory[]): void {
    const selected = this.state.rows[this.state.cursor]?.id;
    const idx = selected ? rows.findIndex((r) => r.id === selected) : -1;
    this.set({ rows, cursor: idx >= 0 ? idx : this.state.cursor });
  }

  /** Swaps in the advisory a step returned, so the next step sends its new revision before the next poll. */
  replace(a: Advisory): void {
    this.set({ rows: this.state.rows.map((r) => (r.id === a.id ? a : r)) });
  }

  move(delta: number): void {
    this.set({ cursor: this.state.cursor + delta });
  }

  selected(): Advisory | undefined {
    return this.state.rows[this.state.cursor];
  }

  private set(patch: Partial<Selection>): void {
    const next = { ...this.state, ...patch };
    next.cursor = Math.max(0, Math.min(next.cursor, next.rows.length - 1));
    this.state = next;
    for (const l of this.listeners) l();
  }
}

export const intelSelection = new IntelSelection();

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
