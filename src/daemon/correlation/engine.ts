import type { Alert } from '../../shared/alert.js';
import type { CompiledRule } from './correlation-rules.js';
import { RuleIndex, type RulePlan } from './rule-index.js';
import { maskTags, Window, type WindowState } from './window.js';

export type { WindowEvent, WindowState } from './window.js';

/** What one batch did to one case: new alerts for it (all of them when it was just formed). */
export interface CaseGrowth {
  caseId: string;
  created: boolean;
  rule: CompiledRule;
  /** The entity value (without the customer part of the key). */
  entity: string;
  alertIds: string[];
}

/**
 * `sequence` progress, kept per window so an alert costs O(steps): for each step, the start and
 * end time of the chain through it that started latest. A later start is never worse: it stays
 * inside the window longest. Order is by alert time, so a step seen before its predecessor in
 * time does not complete a chain.
 */
function advanceSequence(w: Window, t: number, mask: number, steps: number, windowMs: number): boolean {
  const chain = (w.chain ??= Array.from({ length: steps }, () => null));
  // Later steps first, so one alert matching two steps cannot be both ends of a link.
  for (let i = steps - 1; i >= 0; i--) {
    if ((mask & (1 << i)) === 0) continue;
    const prev = i === 0 ? null : chain[i - 1];
    const start = i === 0 ? t : prev ? prev[0] : undefined;
    if (start === undefined || (prev && prev[1] > t) || t - start > windowMs) continue;
    const cur = chain[i];
    if (!cur || start >= cur[0]) chain[i] = [start, t];
  }
  const done = chain[steps - 1];
  return done !== null && done !== undefined && t - done[0] <= windowMs;
}

/** Per rule: windows by scope (the customer, or '' across customers), then by entity value. */
type Scopes = Map<string, Map<string, Window>>;

/**
 * Incremental correlation: each new alert is tested once per distinct filter (see RuleIndex) and
 * offered only to the rules it matches; windows slide on alert time (not wall time, so a backlog
 * correlates as it happened). Pure: the caller persists the windows it is told changed, and
 * builds the cases.
 */
export class CorrelationEngine {
  private readonly index: RuleIndex;
  private readonly scopes = new Map<RulePlan, Scopes>();
  private windows = 0;
  /** Alerts already offered (by id -> time), so repeats of a row are not offered again. */
  private readonly seen = new Map<string, number>();
  private readonly maxWindowMs: number;
  private batch = 0;
  watermark = 0;

  constructor(
    rules: readonly CompiledRule[],
    state: readonly WindowState[],
    private readonly newCaseId: () => string,
  ) {
    this.index = new RuleIndex(rules);
    this.maxWindowMs = Math.max(0, ...rules.map((r) => r.windowMs));
    const byId = new Map(this.index.plans.map((p) => [p.rule.rule.id, p]));
    for (const p of this.index.plans) this.scopes.set(p, new Map());
    for (const s of state) {
      const plan = byId.get(s.rule);
      if (!plan) continue;
      const w = Window.restore(s, plan);
      this.place(w);
      for (const e of s.events) {
        this.seen.set(e.id, e.t);
        if (e.t > this.watermark) this.watermark = e.t;
      }
    }
  }

  get windowCount(): number {
    return this.windows;
  }

  private place(w: Window): void {
    const scopes = this.scopes.get(w.plan)!;
    let byEntity = scopes.get(w.scope);
    if (!byEntity) scopes.set(w.scope, (byEntity = new Map()));
    byEntity.set(w.entity, w);
    this.windows++;
  }

  process(alerts: readonly Alert[]): { growth: CaseGrowth[]; changed: WindowState[] } {
    const growth = new Map<string, CaseGrowth>();
    const changed: Window[] = [];
    const batch = ++this.batch;
    for (const a of alerts) {
      if (this.seen.has(a.id)) continue;
      const t = Date.parse(a.firstSeen);
      if (t < this.watermark - this.maxWindowMs) continue;
      this.seen.set(a.id, t);
      if (t > this.watermark) this.watermark = t;
      this.index.begin(a);
      for (const plan of this.index.plans) {
        const r = plan.rule.rule;
        const entity = a[r.by];
        if (entity === undefined || entity === '') continue;
        const tag = r.kind === 'sequence' ? this.index.stepMask(plan) : this.index.valuesFor(plan);
        if (tag === 0 || (typeof tag !== 'number' && tag.length === 0)) continue;
        const w = this.windowFor(plan, r.acrossCustomers ? '' : a.customer, entity);
        this.offer(w, a.id, t, tag, growth);
        if (w.stamp !== batch) {
          w.stamp = batch;
          changed.push(w);
        }
      }
    }
    return { growth: [...growth.values()], changed: changed.map((w) => w.snapshot()) };
  }

  private windowFor(plan: RulePlan, scope: string, entity: string): Window {
    const w = this.scopes.get(plan)!.get(scope)?.get(entity);
    if (w) return w;
    const made = new Window(plan, scope, entity);
    this.place(made);
    return made;
  }

  private offer(w: Window, id: string, t: number, tag: number | readonly string[], growth: Map<string, CaseGrowth>): void {
    const rule = w.plan.rule;
    w.push({ id, t, tags: typeof tag === 'number' ? maskTags(tag) : tag }, t - rule.windowMs);
    // An active case takes every further match on its entity until the window passes it by.
    if (w.caseId !== undefined && w.caseLast !== undefined && t - w.caseLast <= rule.windowMs) {
      if (t > w.caseLast) w.caseLast = t;
      let g = growth.get(w.caseId);
      if (!g) growth.set(w.caseId, (g = { caseId: w.caseId, created: false, rule, entity: w.entity, alertIds: [] }));
      g.alertIds.push(id);
      return;
    }
    const r = rule.rule;
    const fires = r.kind === 'sequence' ? advanceSequence(w, t, tag as number, r.steps.length, rule.windowMs) : w.distinctCount() >= r.threshold;
    if (fires) {
      w.chain = undefined;
      w.caseId = this.newCaseId();
      w.caseLast = t;
      growth.set(w.caseId, { caseId: w.caseId, created: true, rule, entity: w.entity, alertIds: w.liveIds() });
    }
  }

  /** Cases merged by hand: windows that fed `from` feed `to` from now on. */
  redirect(from: string, to: string): WindowState[] {
    const out: WindowState[] = [];
    for (const w of this.all()) {
      if (w.caseId === from) {
        w.caseId = to;
        out.push(w.snapshot());
      }
    }
    return out;
  }

  private *all(): Generator<Window> {
    for (const scopes of this.scopes.values()) for (const byEntity of scopes.values()) yield* byEntity.values();
  }

  /** Windows whose newest event the watermark has left behind: they can never fire again. */
  sweep(): string[] {
    const gone: string[] = [];
    for (const scopes of this.scopes.values()) {
      for (const [scope, byEntity] of scopes) {
        for (const [entity, w] of byEntity) {
          if (w.newest() >= this.watermark - w.plan.rule.windowMs) continue;
          byEntity.delete(entity);
          gone.push(w.id);
        }
        if (byEntity.size === 0) scopes.delete(scope);
      }
    }
    this.windows -= gone.length;
    for (const [id, t] of this.seen) if (t < this.watermark - this.maxWindowMs) this.seen.delete(id);
    return gone;
  }
}
