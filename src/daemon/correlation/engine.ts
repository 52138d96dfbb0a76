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
  /** `sequence` rules: per step, [start, end] of the latest-starting chain through it. */
  chain?: ([number, number] | null)[];
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

/**
 * `sequence` progress, kept per window so an alert costs O(steps): for each step, the start and
 * end time of the chain through it that started latest. A later start is never worse: it stays
 * inside the window longest. Order is by alert time, so a step seen before its predecessor in
 * time does not complete a chain.
 */
function advanceSequence(w: WindowState, ev: WindowEvent, steps: number, windowMs: number): boolean {
  const chain = (w.chain ??= Array.from({ length: steps }, () => null));
  // Later steps first, so one alert matching two steps cannot be both ends of a link.
  for (let i = steps - 1; i >= 0; i--) {
    if (!ev.tags.includes(String(i))) continue;
    const prev: [number, number] | null | undefined = i === 0 ? [ev.t, ev.t] : chain[i - 1];
    if (!prev || prev[1] > ev.t || ev.t - prev[0] > windowMs) continue;
    const cur = chain[i];
    if (!cur || prev[0] >= cur[0]) chain[i] = [prev[0], ev.t];
  }
  const done = chain[steps - 1];
  return done !== null && done !== undefined && ev.t - done[0] <= windowMs;
}

function uncount(counts: Map<string, number>, tags: readonly string[]): void {
  for (const t of tags) {
    const n = (counts.get(t) ?? 0) - 1;
    if (n > 0) counts.set(t, n);
    else counts.delete(t);
  }
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
  /** `distinct` rules: how many window events carry each value, by window id (rebuilt from events after a restart). */
  private readonly counts = new Map<string, Map<string, number>>();
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
    const counts = rule.rule.kind === 'distinct' ? this.countsOf(w) : undefined;
    const from = ev.t - rule.windowMs;
    let stale = 0;
    while (stale < w.events.length && w.events[stale]!.t < from) stale++;
    const over = w.events.length + 1 - MAX_EVENTS;
    const drop = Math.max(stale, over);
    if (drop > 0) for (const gone of w.events.splice(0, drop)) if (counts) uncount(counts, gone.tags);
    w.events.push(ev);
    if (counts) for (const t of ev.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
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
    const fires = r.kind === 'sequence' ? advanceSequence(w, ev, r.steps.length, rule.windowMs) : counts!.size >= r.threshold;
    if (fires) {
      delete w.chain;
      w.caseId = this.newCaseId();
      w.caseLast = ev.t;
      growth.set(w.caseId, { caseId: w.caseId, created: true, rule, entity, alertIds: w.events.map((e) => e.id) });
    }
    return w;
  }

  private countsOf(w: WindowState): Map<string, number> {
    let c = this.counts.get(w.id);
    if (!c) {
      c = new Map();
      for (const e of w.events) for (const t of e.tags) c.set(t, (c.get(t) ?? 0) + 1);
      this.counts.set(w.id, c);
    }
    return c;
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
        this.counts.delete(id);
        gone.push(id);
      }
    }
    for (const [id, t] of this.seen) if (t < this.watermark - this.maxWindowMs) this.seen.delete(id);
    return gone;
  }
}
