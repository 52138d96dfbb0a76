type Listener = () => void;

export interface ListState<T> {
  rows: readonly T[];
  cursor: number;
  /** The selected row is opened (detail pane, git log). */
  open: boolean;
  /** Cursor inside the opened row (a checklist step). */
  inner: number;
  /** Bumped after an action so views re-fetch what it changed. */
  version: number;
}

/**
 * A view's rows and cursors outside React, so the key-binding table can act on the selected
 * row. The view publishes the rows it shows; bindings move the cursors. The cursor follows the
 * selected id when rows re-sort under it.
 */
export class ListSelection<T extends { id: string }> {
  private state: ListState<T> = { rows: [], cursor: 0, open: false, inner: 0, version: 0 };
  private readonly listeners = new Set<Listener>();

  get = (): ListState<T> => this.state;

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  setRows(rows: readonly T[]): void {
    const selected = this.selected()?.id;
    const idx = selected ? rows.findIndex((r) => r.id === selected) : -1;
    this.set({ rows, cursor: idx >= 0 ? idx : this.state.cursor });
  }

  /** Swaps in a row an action returned, so the next action sends its new revision before the next poll. */
  replace(row: T): void {
    this.set({ rows: this.state.rows.map((r) => (r.id === row.id ? row : r)) });
  }

  /**
   * Moves the inner cursor while an opened row has an inner list (`innerCount` items, e.g. checklist
   * steps); otherwise the row cursor, so a detail pane follows the rows as j/k move.
   */
  move(delta: number, innerCount = 0): void {
    if (this.state.open && innerCount > 0) this.set({ inner: Math.max(0, Math.min(this.state.inner + delta, innerCount - 1)) });
    else this.set({ cursor: this.state.cursor + delta, inner: 0 });
  }

  toggleOpen(): void {
    this.set({ open: !this.state.open, inner: 0 });
  }

  close(): void {
    this.set({ open: false });
  }

  changed(): void {
    this.set({ version: this.state.version + 1 });
  }

  selected(): T | undefined {
    return this.state.rows[this.state.cursor];
  }

  private set(patch: Partial<ListState<T>>): void {
    const next = { ...this.state, ...patch };
    next.cursor = Math.max(0, Math.min(next.cursor, next.rows.length - 1));
    this.state = next;
    for (const l of this.listeners) l();
  }
}
