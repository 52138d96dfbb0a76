import type { Alert } from '../../shared/alert.js';
import type { CompiledRule } from './correlation-rules.js';

/** One alert in a window: its id, time and what it matched (step indexes or distinct values). */
export interface WindowEvent {
  id: string;
  t: number;
  tags: string[];
}

/** One rule's sliding window over one entity; stored as is, so a restart resumes mid-window. */
export interface WindowState {
  id: string;
  rule: string;
  key: string;
  events: WindowEvent[];
  /** The case this window feeds while it is active, and the time of its newest alert. */
  caseId?: string;
  caseLast?: number;
}

/** What one batch did to one case: new alerts for it (all of them when it was just formed). */
export interface CaseGrowth {
  caseId: string;
  created: boolean;
  rule: CompiledRule;
  /** The entity value (without the customer part of the key). */
  entity: string;
  alertIds: string[];
}

/** A window keeps at most this many events; a flood on one host keeps its newest. */
const MAX_EVENTS = 1000;

/** `sequence`: the steps occur in order (by time) within the window's events. */
function sequenceComplete(events: readonly WindowEvent[], steps: number): boolean {
  let next = 0;
  let last = -Infinity;
  for (const e of [...events].sort((a, b) => a.t - b.t)) {
    if (e.t >= last && e.tags.includes(String(next))) {
      last = e.t;
      if (++next === steps) return true;
    }
  }
  return false;
}

function distinctCount(events: readonly WindowEvent[]): number {
  const values = new Set<string>();
  for (const e of events) for (const t of e.tags) values.add(t);
  return values.size;
}

/**
 * Incremental correlation: each new alert is offered to every rule once; windows slide on alert
 * time (not wall time, so a backlog correlates as it happened). Pure: the caller persists the
 * windows it is told changed, and builds the cases.
 */
export class CorrelationEngine {
  private readonly windows = new Map<string, WindowState>();
  /** Alerts already offered (by id -> time), so repeats of a row are not offered again. */
  private readonly seen = new Map<string, number>();
  private readonly maxWindowMs: number;
  watermark = 0;

  constructor(
    private readonly rules: readonly CompiledRule[],
    state: readonly WindowState[],
    private readonly newCaseId: () => string,
  ) {
    this.maxWindowMs = Math.max(0, ...rules.map((r) => r.windowMs));
    const known = new Set(rules.map((r) => r.rule.id));
    for (const w of state) {
      if (!known.has(w.rule)) continue;
      this.windows.set(w.id, w);
      for (const e of w.events) {
        this.seen.set(e.id, e.t);
        if (e.t > this.watermark) this.watermark = e.t;
      }
    }
  }

  get windowCount(): number {
    return this.windows.size;
  }

  process(alerts: readonly Alert[]): { growth: CaseGrowth[]; changed: WindowState[] } {
    const growth = new Map<string, CaseGrowth>();
    const changed = new Set<WindowState>();
    for (const a of alerts) {
      if (this.seen.has(a.id)) continue;
      const t = Date.parse(a.firstSeen);
      if (t < this.watermark - this.maxWindowMs) continue;
      this.seen.set(a.id, t);
      if (t > this.watermark) this.watermark = t;
      for (const rule of this.rules) {
        const key = rule.key(a);
        if (key === undefined) continue;
        const tags = rule.tags(a);
        if (tags.length === 0) continue;
        const w = this.offer(rule, key, { id: a.id, t, tags }, growth);
        changed.add(w);
      }
    }
    return { growth: [...growth.values()], changed: [...changed] };
  }

  private offer(rule: CompiledRule, key: string, ev: WindowEvent, growth: Map<string, CaseGrowth>): WindowState {
    const id = `${rule.rule.id}\u0001${key}`;
    let w = this.windows.get(id);
    if (!w) {
      w = { id, rule: rule.rule.id, key, events: [] };
      this.windows.set(id, w);
    }
    const from = ev.t - rule.windowMs;
    if (w.events.length > 0 && w.events[0]!.t < from) w.events = w.events.filter((e) => e.t >= from);
    w.events.push(ev);
    if (w.events.length > MAX_EVENTS) w.events.splice(0, w.events.length - MAX_EVENTS);
    const entity = key.slice(key.indexOf('\u0000') + 1);
    // An active case takes every further match on its entity until the window passes it by.
    if (w.caseId !== undefined && w.caseLast !== undefined && ev.t - w.caseLast <= rule.windowMs) {
      w.caseLast = Math.max(w.caseLast, ev.t);
      const g = growth.get(w.caseId) ?? { caseId: w.caseId, created: false, rule, entity, alertIds: [] };
      g.alertIds.push(ev.id);
      growth.set(w.caseId, g);
      return w;
    }
    const r = rule.rule;
    const fires = r.kind === 'sequence' ? sequenceComplete(w.events, r.steps.length) : distinctCount(w.events) >= r.threshold;
    if (fires) {
      w.caseId = this.newCaseId();
      w.caseLast = ev.t;
      growth.set(w.caseId, { caseId: w.caseId, created: true, rule, entity, alertIds: w.events.map((e) => e.id) });
    }
    return w;
  }

  /** Cases merged by hand: windows that fed `from` feed `to` from now on. */
  redirect(from: string, to: string): WindowState[] {
    const out: WindowState[] = [];
    for (const w of this.windows.values()) {
      if (w.caseId === from) {
        w.caseId = to;
        out.push(w);
      }
    }
    return out;
  }

  /** Windows whose newest event the watermark has left behind: they can never fire again. */
  sweep(): string[] {
    const gone: string[] = [];
    for (const [id, w] of this.windows) {
      const newest = w.events.at(-1)?.t ?? 0;
      const rule = this.rules.find((r) => r.rule.id === w.rule);
      if (!rule || newest < this.watermark - rule.windowMs) {
        this.windows.delete(id);
        gone.push(id);
      }
    }
    for (const [id, t] of this.seen) if (t < this.watermark - this.maxWindowMs) this.seen.delete(id);
    return gone;
  }
}
