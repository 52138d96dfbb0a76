import type { LeakItem } from '../../shared/leak.js';
import type { ActionContext } from '../triage-actions.js';

interface Selection {
  rows: readonly LeakItem[];
  cursor: number;
  detail: boolean;
}

type Listener = () => void;

/**
 * The :leaks view's rows and cursor, outside React so the key-binding table can act on the
 * selected leak. The view publishes the rows it shows; bindings move the cursor.
 */
class LeaksSelection {
  private state: Selection = { rows: [], cursor: 0, detail: false };
  private readonly listeners = new Set<Listener>();

  get = (): Selection => this.state;

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  setRows(rows: readonly LeakItem[]): void {
    const selected = this.state.rows[this.state.cursor]?.id;
    const idx = selected ? rows.findIndex((r) => r.id === selected) : -1;
    this.set({ rows, cursor: idx >= 0 ? idx : this.state.cursor });
  }

  move(delta: number): void {
    this.set({ cursor: this.state.cursor + delta });
  }

  toggleDetail(): void {
    this.set({ detail: !this.state.detail });
  }

  selected(): LeakItem | undefined {
    return this.state.rows[this.state.cursor];
  }

  private set(patch: Partial<Selection>): void {
    const next = { ...this.state, ...patch };
    next.cursor = Math.max(0, Math.min(next.cursor, next.rows.length - 1));
    this.state = next;
    for (const l of this.listeners) l();
  }
}

export const leaksSelection = new LeaksSelection();

/** `p`: has the reports module build the Leak Incident Report (Markdown) for the selected leak. */
export function publishLeakReport({ store, daemon }: ActionContext): void {
  const leak = leaksSelection.selected();
  if (!leak) return store.update({ message: { text: 'no leak selected', level: 'error' } });
  if (!daemon) return store.update({ message: { text: 'not connected to the daemon', level: 'error' } });
  daemon.request('reports.build', { kind: 'leak', id: leak.id, customer: leak.customer, format: 'md' }).then(
    (r) => store.update({ message: { text: `Leak Incident Report published: ${r.entry.path}`, level: 'info' } }),
    (err: unknown) => store.update({ message: { text: `report failed: ${err instanceof Error ? err.message : String(err)}`, level: 'error' } }),
  );
}
