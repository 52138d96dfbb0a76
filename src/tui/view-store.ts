import type { Alert } from '../shared/alert.js';
import { compareUrgency } from '../shared/alert-order.js';
import type { DaemonStatus } from '../shared/protocol.js';

export const VIEWS = {
  alerts: { title: 'Alerts', owner: undefined },
  quarantine: { title: 'Quarantine', owner: 'alert ingest' },
  incidents: { title: 'Incidents', owner: 'incident response' },
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
  overlay: 'help' | undefined;
  prompt: { kind: 'command'; text: string } | undefined;
  changedAt: ReadonlyMap<string, number>;
  status: DaemonStatus | undefined;
  message: { text: string; level: 'info' | 'error' } | undefined;
  quitting: boolean;
}

type Listener = () => void;

/**
 * View state outside React, read with useSyncExternalStore. Mutations are cheap and
 * synchronous; listeners are notified at most once per batch window, so a flood of deltas
 * costs one render.
 */
export class ViewStore {
  private state: TuiState;
  private readonly alerts = new Map<string, Alert>();
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    init: Partial<TuiState> = {},
    private readonly batchMs = 50,
    private readonly now: () => number = Date.now,
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

  setSnapshot(alerts: Alert[], total: number): void {
    this.alerts.clear();
    for (const a of alerts) this.alerts.set(a.id, a);
    this.rebuild(total, new Map());
  }

  applyDelta(upserts: Alert[], total: number): void {
    const t = this.now();
    const changed = new Map<string, number>();
    for (const [id, at] of this.state.changedAt) if (t - at < CHANGE_HIGHLIGHT_MS) changed.set(id, at);
    for (const a of upserts) {
      this.alerts.set(a.id, a);
      changed.set(a.id, t);
    }
    this.rebuild(total, changed);
  }

  /** Test hook and shutdown path: deliver any pending notification now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const l of this.listeners) l();
  }

  private rebuild(total: number, changedAt: Map<string, number>): void {
    // Keep the cursor on the same alert while rows re-sort under it.
    const selectedId = this.state.rows[this.state.cursor]?.id;
    const rows = [...this.alerts.values()].sort(compareUrgency);
    const idx = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
    this.update({ rows, total, changedAt, cursor: idx >= 0 ? idx : this.state.cursor });
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
