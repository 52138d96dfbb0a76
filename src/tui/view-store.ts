import type { Alert } from '../shared/alert.js';
import type { SlaClockInfo } from '../shared/calendar/sla-clock-info.js';
import { compileFilter, FilterError, type CompiledFilter } from '../shared/filter/index.js';
import type { DaemonStatus } from '../shared/protocol.js';
import type { SavedFilter, SuppressionRule } from '../shared/triage.js';
import { SortedAlerts } from './sorted-alerts.js';

export const VIEWS = {
  alerts: { title: 'Alerts', owner: undefined },
  quarantine: { title: 'Quarantine', owner: 'alert ingest' },
  incidents: { title: 'Incidents', owner: 'incident response' },
  playbooks: { title: 'Playbooks', owner: 'incident response' },
  sla: { title: 'SLA clocks', owner: 'SLA clocks' },
  scans: { title: 'Scans & findings', owner: 'risk detection' },
  intel: { title: 'Vulnerability intel', owner: 'vulnerability intel' },
  leaks: { title: 'Key leaks', owner: 'key-leak monitoring' },
  reports: { title: 'Reports', owner: 'deliverables' },
  audit: { title: 'Audit log', owner: 'triage' },
} as const;
export type ViewId = keyof typeof VIEWS;

export function isViewId(s: string): s is ViewId {
  return Object.hasOwn(VIEWS, s);
}

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
  total: number;
  cursor: number;
  offset: number;
  viewportRows: number;
  detailOpen: boolean;
  overlay: 'help' | 'disposition' | undefined;
  prompt: Prompt | undefined;
  changedAt: ReadonlyMap<string, number>;
  status: DaemonStatus | undefined;
  message: { text: string; level: 'info' | 'error' } | undefined;
  quitting: boolean;
  /** The active `/` filter; it is re-applied on every delta, so it survives live updates. */
  filter: CompiledFilter | undefined;
  /** Alert ids marked with space for a bulk action. */
  marks: ReadonlySet<string>;
  /** Live suppression rules from the daemon; matching rows are hidden and counted. */
  suppressions: readonly SuppressionRule[];
  hidden: { suppressed: number; snoozed: number };
  savedFilters: readonly SavedFilter[];
}

type Listener = () => void;

/**
 * View state outside React, read with useSyncExternalStore. Mutations are cheap and
 * synchronous; listeners are notified at most once per batch window, so a flood of deltas
 * costs one render.
 */
export class ViewStore {
  private state: TuiState;
  private readonly alerts = new SortedAlerts();
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private suppressors: { match: CompiledFilter['match']; by: string; until: number }[] = [];

  constructor(
    init: Partial<TuiState> = {},
    private readonly batchMs = 50,
    readonly now: () => number = Date.now,
  ) {
    this.state = {
      connection: { state: 'connecting', detail: '' },
      daemonVersion: '',
      actor: '',
      view: 'alerts',
      rows: [],
      total: 0,
      cursor: 0,
      offset: 0,
      viewportRows: 20,
      detailOpen: false,
      overlay: undefined,
      prompt: undefined,
      changedAt: new Map(),
      status: undefined,
      message: undefined,
      quitting: false,
      filter: undefined,
      marks: new Set(),
      suppressions: [],
      hidden: { suppressed: 0, snoozed: 0 },
      savedFilters: [],
      ...init,
    };
  }

  getState = (): TuiState => this.state;

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  update(patch: Partial<TuiState> | ((s: TuiState) => Partial<TuiState>)): void {
    const p = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = clampCursor({ ...this.state, ...p });
    this.schedule();
  }

  /** The alert as this client last saw it (its `rev` is what an action is checked against). */
  get(id: string): Alert | undefined {
    return this.alerts.get(id);
  }

  setSnapshot(alerts: Alert[], total: number): void {
    this.alerts.reset(alerts);
    this.rebuild(total, new Map());
  }

  applyDelta(upserts: Alert[], total: number): void {
    const t = this.now();
    const changed = new Map<string, number>();
    for (const [id, at] of this.state.changedAt) if (t - at < CHANGE_HIGHLIGHT_MS) changed.set(id, at);
    for (const a of upserts) {
      this.alerts.upsert(a);
      changed.set(a.id, t);
    }
    this.rebuild(total, changed);
  }

  /** Applies a filter; throws FilterError (with its column) and keeps the old one when it does not parse. */
  setFilter(text: string): void {
    const filter = text.trim() === '' ? undefined : compileFilter(text);
    this.state = { ...this.state, filter };
    this.rebuild(this.state.total, this.state.changedAt);
  }

  /** Like setFilter, for as-you-type: returns the error instead of throwing. */
  tryFilter(text: string): FilterError | undefined {
    try {
      this.setFilter(text);
      return undefined;
    } catch (err) {
      if (err instanceof FilterError) return err;
      throw err;
    }
  }

  setSuppressions(rules: readonly SuppressionRule[]): void {
    this.suppressors = rules.map((r) => ({ match: compileFilter(r.filter).match, by: r.createdBy, until: Date.parse(r.expiresAt) }));
    this.state = { ...this.state, suppressions: rules };
    this.rebuild(this.state.total, this.state.changedAt);
  }

  /** SLA clocks of the queue's alerts: the queue sorts by their urgency first; the cursor stays on its alert. */
  setSlaClocks(clocks: readonly SlaClockInfo[]): void {
    if (this.alerts.setClocks(clocks)) this.rebuild(this.state.total, this.state.changedAt);
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

  private rebuild(total: number, changedAt: ReadonlyMap<string, number>): void {
    // Keep the cursor on the same alert while rows re-sort under it.
    const selectedId = this.state.rows[this.state.cursor]?.id;
    const now = this.now();
    const ctx = { now, me: this.state.actor };
    const filter = this.state.filter;
    // Snoozed rows stay out of the queue until they wake, unless the analyst asks for them.
    const showSnoozed = filter?.text.includes('is:snoozed') ?? false;
    const live = this.suppressors.filter((r) => r.until > now);
    const hidden = { suppressed: 0, snoozed: 0 };
    const rows: Alert[] = [];
    for (const { alert: a } of this.alerts.all()) {
      if (!showSnoozed && a.snoozedUntil !== undefined && Date.parse(a.snoozedUntil) > now) {
        hidden.snoozed++;
        continue;
      }
      if (live.some((r) => r.match(a, { now, me: r.by }))) {
        hidden.suppressed++;
        continue;
      }
      if (!filter || filter.match(a, ctx)) rows.push(a);
    }
    const idx = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
    const marks = [...this.state.marks].every((id) => this.alerts.has(id)) ? this.state.marks : new Set([...this.state.marks].filter((id) => this.alerts.has(id)));
    this.update({ rows, total, changedAt, hidden, marks, cursor: idx >= 0 ? idx : this.state.cursor });
  }

  private schedule(): void {
    if (this.timer || this.listeners.size === 0) return;
    this.timer = setTimeout(() => this.flush(), this.batchMs);
  }
}

function clampCursor(s: TuiState): TuiState {
  const max = Math.max(0, s.rows.length - 1);
  const cursor = Math.min(Math.max(0, s.cursor), max);
  let offset = s.offset;
  const height = Math.max(1, s.viewportRows);
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + height) offset = cursor - height + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, s.rows.length - height)));
  return cursor === s.cursor && offset === s.offset ? s : { ...s, cursor, offset };
}
