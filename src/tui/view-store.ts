import type { Alert } from '../shared/alert.js';
import type { ClockFacts } from '../shared/alert-order.js';
import type { SlaClockInfo } from '../shared/calendar/sla-clock-info.js';
import { compileFilter, FilterError, type CompiledFilter } from '../shared/filter/index.js';
import type { DaemonStatus, QueueCounts } from '../shared/protocol.js';
import type { SavedFilter } from '../shared/triage.js';
import { SortedAlerts } from './sorted-alerts.js';

export const VIEWS = {
  alerts: { title: 'Alerts', owner: undefined },
  sources: { title: 'Alert sources', owner: 'alert ingest' },
  quarantine: { title: 'Quarantine', owner: 'alert ingest' },
  incidents: { title: 'Incidents', owner: 'incident response' },
  playbooks: { title: 'Playbooks', owner: 'incident response' },
  sla: { title: 'SLA clocks', owner: 'SLA clocks' },
  scans: { title: 'Scans & findings', owner: 'risk detection' },
  intel: { title: 'Vulnerability intel', owner: 'vulnerability intel' },
  leaks: { title: 'Key leaks', owner: 'key-leak monitoring' },
  reports: { title: 'Reports', owner: 'deliverables' },
  audit: { title: 'Audit log', owner: 'triage' },
  cases: { title: 'Cases (attack chains)', owner: 'correlation' },
} as const;
export type ViewId = keyof typeof VIEWS;

export function isViewId(s: string): s is ViewId {
  return Object.hasOwn(VIEWS, s);
}

/** Lines the header, table header, position line and footer take around a view's body. */
const CHROME_ROWS = 6;
/** Lines the alert detail panel takes below the queue. */
const DETAIL_ROWS = 18;

/** How long a changed row stays highlighted: one "refresh" in k9s terms. */
export const CHANGE_HIGHLIGHT_MS = 2000;

/** A one-line prompt in the footer. `submit` runs on enter and may return an error to show. */
export interface Prompt {
  kind: 'command' | 'filter' | 'input';
  label: string;
  text: string;
  submit?(text: string): string | undefined;
  /** For the filter prompt: what to go back to on escape. */
  previous?: string;
  /** Why the text is not accepted yet (a filter error with its column, a missing reason). */
  error?: string;
}

export interface TuiState {
  connection: { state: string; detail: string };
  daemonVersion: string;
  actor: string;
  view: ViewId;
  rows: Alert[];
  /** Alerts in the daemon's store. */
  total: number;
  /**
   * Alerts the daemon matched for this client's subscription, of which it holds the most
   * urgent; undefined while a changed filter has not been answered yet.
   */
  matched: number | undefined;
  cursor: number;
  offset: number;
  /** Lines and columns of the terminal, set on start and on resize. */
  terminalRows: number;
  terminalColumns: number;
  /**
   * Lines left for a view's body, worked out from terminalRows and detailOpen by the store, so
   * that opening the detail panel resizes the queue in the same frame.
   */
  viewportRows: number;
  detailOpen: boolean;
  overlay: 'help' | 'disposition' | undefined;
  prompt: Prompt | undefined;
  changedAt: ReadonlyMap<string, number>;
  status: DaemonStatus | undefined;
  message: { text: string; level: 'info' | 'error' } | undefined;
  quitting: boolean;
  /**
   * The active `/` filter. The daemon filters the subscription by it; it is also applied to the
   * rows already held, so typing narrows the queue at once, before the daemon's snapshot arrives.
   */
  filter: CompiledFilter | undefined;
  /** Alert ids marked with space for a bulk action. */
  marks: ReadonlySet<string>;
  /** Matching alerts the daemon leaves out of the queue and counts: suppressed by a rule, or snoozed. */
  hidden: QueueCounts['hidden'];
  savedFilters: readonly SavedFilter[];
}

type Listener = () => void;

const NO_HIDDEN: QueueCounts['hidden'] = { suppressed: 0, snoozed: 0 };

/**
 * View state outside React, read with useSyncExternalStore. Mutations are cheap and
 * synchronous; listeners are notified at most once per batch window, so a flood of deltas
 * costs one render.
 */
export class ViewStore {
  private state: TuiState;
  private readonly alerts = new SortedAlerts();
  private readonly listeners = new Set<Listener>();
  private readonly filterListeners = new Set<(text: string, typing: boolean) => void>();
  private timer: NodeJS.Timeout | undefined;
  /**
   * The alert the cursor was on when a filter or a snapshot left it out (a half-typed filter
   * can match nothing); the cursor goes back to it when it shows again, until the analyst moves.
   */
  private anchor: string | undefined;

  constructor(
    init: Partial<TuiState> = {},
    private readonly batchMs = 50,
    readonly now: () => number = Date.now,
  ) {
    this.state = fitViewport({
      connection: { state: 'connecting', detail: '' },
      daemonVersion: '',
      actor: '',
      view: 'alerts',
      rows: [],
      total: 0,
      matched: undefined,
      cursor: 0,
      offset: 0,
      // Until the App reads the terminal's size: a 20-row queue.
      terminalRows: 26,
      terminalColumns: 80,
      viewportRows: 0,
      detailOpen: false,
      overlay: undefined,
      prompt: undefined,
      changedAt: new Map(),
      status: undefined,
      message: undefined,
      quitting: false,
      filter: undefined,
      marks: new Set(),
      hidden: NO_HIDDEN,
      savedFilters: [],
      ...init,
    });
  }

  getState = (): TuiState => this.state;

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  update(patch: Partial<TuiState> | ((s: TuiState) => Partial<TuiState>)): void {
    const p = typeof patch === 'function' ? patch(this.state) : patch;
    if ('cursor' in p) this.anchor = undefined;
    this.apply(p);
  }

  private apply(p: Partial<TuiState>): void {
    this.state = fitViewport({ ...this.state, ...p });
    this.schedule();
  }

  /** The alert as this client last saw it (its `rev` is what an action is checked against). */
  get(id: string): Alert | undefined {
    return this.alerts.get(id);
  }

  /** Rows from a (re)subscription replace every row held; counts left out default to what the rows say. */
  setSnapshot(alerts: Alert[], counts: Partial<QueueCounts> = {}, clocks?: Readonly<Record<string, ClockFacts>>): void {
    this.alerts.reset(alerts, clocks);
    this.state = { ...this.state, ...countsOf(counts, alerts.length) };
    this.rebuild(new Map());
  }

  /** A delta: upserts are added or moved, removed ids (no longer matching, or hidden) leave the queue. */
  applyDelta(upserts: Alert[], removed: readonly string[] = [], counts: Partial<QueueCounts> = {}, clocks: Readonly<Record<string, ClockFacts>> = {}): void {
    const t = this.now();
    this.alerts.noteClocks(clocks);
    const changed = new Map<string, number>();
    for (const [id, at] of this.state.changedAt) if (t - at < CHANGE_HIGHLIGHT_MS) changed.set(id, at);
    for (const id of removed) {
      this.alerts.remove(id);
      changed.delete(id);
    }
    for (const a of upserts) {
      this.alerts.upsert(a);
      changed.set(a.id, t);
    }
    this.state = { ...this.state, ...counts };
    this.rebuild(changed);
  }

  /** Every alert held, filtered or not: what the SLA order is fetched for. */
  heldIds(): string[] {
    return this.alerts.all().map((e) => e.alert.id);
  }

  /**
   * Applies a filter; throws FilterError (with its column) and keeps the old one when it does not
   * parse. `typing`: set keystroke by keystroke in the prompt, so more changes may follow.
   */
  setFilter(text: string, typing = false): void {
    const filter = text.trim() === '' ? undefined : compileFilter(text);
    if (filter?.text === this.state.filter?.text) return;
    this.state = { ...this.state, filter, matched: undefined };
    this.rebuild(this.state.changedAt);
    for (const fn of this.filterListeners) fn(filter?.text ?? '', typing);
  }

  /** The analyst is done typing the filter (enter in the prompt). */
  commitFilter(): void {
    for (const fn of this.filterListeners) fn(this.state.filter?.text ?? '', false);
  }

  /** Called with the filter text whenever the filter changes or is committed (the subscription follows it). */
  onFilterChange(fn: (text: string, typing: boolean) => void): () => void {
    this.filterListeners.add(fn);
    return () => this.filterListeners.delete(fn);
  }

  /** Like setFilter, for as-you-type: returns the error instead of throwing. */
  tryFilter(text: string): FilterError | undefined {
    try {
      this.setFilter(text, true);
      return undefined;
    } catch (err) {
      if (err instanceof FilterError) return err;
      throw err;
    }
  }

  /** SLA clocks of the queue's alerts: the queue sorts by their urgency first; the cursor stays on its alert. */
  setSlaClocks(clocks: readonly SlaClockInfo[]): void {
    if (this.alerts.setClocks(clocks)) this.rebuild(this.state.changedAt);
  }

  toggleMark(id: string): void {
    const marks = new Set(this.state.marks);
    if (!marks.delete(id)) marks.add(id);
    this.update({ marks });
  }

  /** What an action applies to: the marked rows, or else the row under the cursor. */
  targets(): Alert[] {
    const s = this.state;
    if (s.marks.size > 0) return [...s.marks].map((id) => this.alerts.get(id)).filter((a): a is Alert => a !== undefined);
    const row = s.rows[s.cursor];
    return row ? [row] : [];
  }

  /** Test hook and shutdown path: deliver any pending notification now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const l of this.listeners) l();
  }

  private rebuild(changedAt: ReadonlyMap<string, number>): void {
    // Keep the cursor on the same alert while rows re-sort under it (or a new snapshot replaces them).
    const selectedId = this.anchor ?? this.state.rows[this.state.cursor]?.id;
    const ctx = { now: this.now(), me: this.state.actor };
    const filter = this.state.filter;
    const rows: Alert[] = [];
    for (const { alert: a } of this.alerts.all()) if (!filter || filter.match(a, ctx)) rows.push(a);
    const idx = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
    this.anchor = idx >= 0 ? undefined : selectedId;
    const marks = [...this.state.marks].every((id) => this.alerts.has(id)) ? this.state.marks : new Set([...this.state.marks].filter((id) => this.alerts.has(id)));
    this.apply({ rows, changedAt, marks, cursor: idx >= 0 ? idx : this.state.cursor });
  }

  private schedule(): void {
    if (this.timer || this.listeners.size === 0) return;
    this.timer = setTimeout(() => this.flush(), this.batchMs);
  }
}

function countsOf(c: Partial<QueueCounts>, rows: number): Pick<TuiState, 'total' | 'matched' | 'hidden'> {
  // An explicit `matched: undefined` means the daemon's count is for another filter: unknown.
  return { total: c.total ?? rows, matched: 'matched' in c ? c.matched : rows, hidden: c.hidden ?? NO_HIDDEN };
}

/** Sizes the viewport to the terminal and keeps the cursor on a row and in view. */
function fitViewport(s: TuiState): TuiState {
  const viewportRows = Math.max(3, s.terminalRows - CHROME_ROWS - (s.detailOpen ? DETAIL_ROWS : 0));
  const max = Math.max(0, s.rows.length - 1);
  const cursor = Math.min(Math.max(0, s.cursor), max);
  let offset = s.offset;
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + viewportRows) offset = cursor - viewportRows + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, s.rows.length - viewportRows)));
  return cursor === s.cursor && offset === s.offset && viewportRows === s.viewportRows ? s : { ...s, cursor, offset, viewportRows };
}
