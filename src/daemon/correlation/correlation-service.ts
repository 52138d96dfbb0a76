import type { Alert } from '../../shared/alert.js';
import type { AttackCatalogue } from '../../shared/attack/catalogue.js';
import type { Case } from '../../shared/case.js';
import { SocdeckError } from '../../shared/errors.js';
import { inScope, type CustomerScope } from '../../shared/permissions.js';
import type { MethodParams, MethodResult } from '../../shared/protocol.js';
import { auditOp } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Store, StoreOp } from '../store/store.js';
import { ALERTS, CASES, CORRELATION_WINDOWS } from '../collections.js';
import { buildCase, type CaseBasis } from './case-record.js';
import type { CompiledRule } from './correlation-rules.js';
import { CorrelationEngine, type CaseGrowth, type WindowState } from './engine.js';

/**
 * Keeps the engine's windows and the cases in the store: each batch of new alerts is one commit
 * holding the windows it moved and the cases it formed or grew, so a restart resumes mid-window
 * with every case whole.
 */
export class CorrelationService {
  private readonly engine: CorrelationEngine;
  private readonly rules: ReadonlyMap<string, CompiledRule>;
  private counter = 0;
  /** Batches are applied one after another, in bus order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    rules: readonly CompiledRule[],
    private readonly catalogue: AttackCatalogue,
    private readonly warn: (msg: string, err: unknown) => void,
  ) {
    this.rules = new Map(rules.map((r) => [r.rule.id, r]));
    this.engine = new CorrelationEngine(rules, store.values<WindowState>(CORRELATION_WINDOWS), () => this.nextId());
  }

  private nextId(): string {
    this.counter = (this.counter + 1) % 1_679_616;
    return `C-${this.clock.now().toString(36)}${this.counter.toString(36).padStart(4, '0')}`;
  }

  /** Hands a bus batch to the engine; returns when it is durable (tests and shutdown wait on it). */
  offer(alerts: readonly Alert[]): Promise<void> {
    this.queue = this.queue.then(() => this.apply(alerts)).catch((err: unknown) => this.warn('correlation batch failed', err));
    return this.queue;
  }

  idle(): Promise<void> {
    return this.queue;
  }

  private async apply(alerts: readonly Alert[]): Promise<void> {
    const { growth, changed } = this.engine.process(alerts);
    if (changed.length === 0) return;
    const now = new Date(this.clock.now()).toISOString();
    const given = new Map(alerts.map((a) => [a.id, a]));
    const ops: StoreOp[] = changed.map((w) => ({ op: 'put', coll: CORRELATION_WINDOWS, id: w.id, value: w }));
    for (const g of growth) ops.push({ op: 'put', coll: CASES, id: g.caseId, value: this.grow(g, given, now) });
    await this.store.commit(ops);
  }

  private grow(g: CaseGrowth, given: ReadonlyMap<string, Alert>, now: string): Case {
    const prev = this.store.get<Case>(CASES, g.caseId);
    const alerts = g.alertIds.flatMap((id) => given.get(id) ?? this.store.get<Alert>(ALERTS, id) ?? []);
    const r = g.rule.rule;
    const basis: CaseBasis = { id: g.caseId, rule: { id: r.id, title: r.title, score: r.score, suggest: r.suggest }, entity: { kind: r.by, value: g.entity }, now };
    return buildCase(prev, basis, alerts, this.catalogue);
  }

  /** Windows the watermark has passed are dropped from the store. */
  async sweep(): Promise<number> {
    const gone = this.engine.sweep();
    if (gone.length > 0) await this.store.commit(gone.map((id) => ({ op: 'del', coll: CORRELATION_WINDOWS, id })));
    return gone.length;
  }

  /**
   * Cases as a user of `scope` sees them. A campaign case spanning customers outside the scope is
   * shown rebuilt from the alerts of the user's customers only (their analysts must see and act
   * on their part of a campaign), with everything derived (techniques, tactics, score, severity,
   * timeline) recomputed so nothing of another customer's alerts shows through.
   */
  list(p: MethodParams<'cases.list'>, scope: CustomerScope = 'all'): MethodResult<'cases.list'> {
    const all = this.store
      .values<Case>(CASES)
      .flatMap((c) => this.visible(c, scope) ?? [])
      .filter((c) => (!p?.state || p.state.includes(c.state)) && (!p?.customer || c.customers.includes(p.customer)))
      .sort((a, b) => b.score - a.score || (a.lastSeen < b.lastSeen ? 1 : -1));
    return { cases: all.slice(0, p?.limit ?? 500), total: all.length };
  }

  get(id: string, scope: CustomerScope = 'all'): Case {
    const c = this.store.get<Case>(CASES, id);
    const seen = c && this.visible(c, scope);
    if (!seen) throw new SocdeckError('not_found', `no case ${id}`);
    return seen;
  }

  private visible(c: Case, scope: CustomerScope): Case | undefined {
    if (c.customers.every((x) => inScope(scope, x))) return c;
    if (!c.customers.some((x) => inScope(scope, x))) return undefined;
    const alerts = this.alertsOf(c.alertIds).filter((a) => inScope(scope, a.customer));
    if (alerts.length === 0) return undefined;
    const part = buildCase(undefined, this.basisOf(c, c.id, c.updatedAt), alerts, this.catalogue);
    return Object.assign(part, {
      title: c.title,
      state: c.state,
      createdAt: c.createdAt,
      rev: c.rev,
      ...(c.incidentId ? { incidentId: c.incidentId } : {}),
      ...(c.mergedInto ? { mergedInto: c.mergedInto } : {}),
    });
  }

  /** Changing a case changes it for every customer it spans: only a user of all of them may. */
  private writable(id: string, scope: CustomerScope): Case {
    const c = this.get(id, scope);
    const full = this.store.get<Case>(CASES, id)!;
    if (c !== full) throw new SocdeckError('forbidden', `case ${id} spans customers outside your scope; an analyst of all of them must change it`);
    return c;
  }

  private basisOf(c: Case, id: string, now: string): CaseBasis {
    const r = this.rules.get(c.rule)?.rule;
    return { id, rule: { id: c.rule, title: r?.title ?? c.rule, score: r?.score ?? 0, suggest: r?.suggest }, entity: c.entity, now };
  }

  private alertsOf(ids: readonly string[]): Alert[] {
    return ids.flatMap((id) => this.store.get<Alert>(ALERTS, id) ?? []);
  }

  async merge(ids: readonly string[], actor: string, scope: CustomerScope = 'all'): Promise<Case> {
    await this.idle();
    const [target, ...others] = ids.map((id) => this.writable(id, scope));
    if (!target || new Set(ids).size !== ids.length) throw new SocdeckError('invalid_params', 'merge needs two or more different cases');
    const open = [target, ...others].find((c) => c.state === 'merged');
    if (open) throw new SocdeckError('conflict', `case ${open.id} was merged into ${open.mergedInto} already`);
    const now = new Date(this.clock.now()).toISOString();
    const moved = others.flatMap((c) => c.alertIds);
    const merged = buildCase(target, this.basisOf(target, target.id, now), this.alertsOf(moved), this.catalogue);
    const ops: StoreOp[] = [{ op: 'put', coll: CASES, id: merged.id, value: merged }];
    for (const c of others) {
      ops.push({ op: 'put', coll: CASES, id: c.id, value: { ...c, state: 'merged', mergedInto: target.id, updatedAt: now, rev: c.rev + 1 } satisfies Case });
      for (const w of this.engine.redirect(c.id, target.id)) ops.push({ op: 'put', coll: CORRELATION_WINDOWS, id: w.id, value: w });
    }
    ops.push(
      auditOp({
        at: now,
        actor,
        action: 'merge',
        target: { kind: 'case', id: target.id },
        before: { alerts: target.alertIds.length },
        after: { merged: others.map((c) => c.id), alerts: merged.alertIds.length },
      }),
    );
    await this.store.commit(ops);
    return merged;
  }

  async split(id: string, alertIds: readonly string[], actor: string, scope: CustomerScope = 'all'): Promise<{ from: Case; to: Case }> {
    await this.idle();
    const c = this.writable(id, scope);
    const leaving = new Set(alertIds);
    const stray = alertIds.filter((a) => !c.alertIds.includes(a));
    if (stray.length > 0) throw new SocdeckError('invalid_params', `not in case ${id}: ${stray.join(', ')}`);
    if (leaving.size >= c.alertIds.length) throw new SocdeckError('invalid_params', `a split must leave at least one alert in ${id}`);
    const now = new Date(this.clock.now()).toISOString();
    const staying = c.alertIds.filter((a) => !leaving.has(a));
    // Both halves are rebuilt from their alerts, so tactics, score and suggestion fit what is left.
    const from = buildCase(undefined, this.basisOf(c, c.id, now), this.alertsOf(staying), this.catalogue);
    Object.assign(from, { title: c.title, state: c.state, createdAt: c.createdAt, rev: c.rev + 1, ...(c.incidentId ? { incidentId: c.incidentId } : {}) });
    const to = buildCase(undefined, this.basisOf(c, this.nextId(), now), this.alertsOf([...leaving]), this.catalogue);
    to.title = `${c.title} (split from ${c.id})`;
    await this.store.commit([
      { op: 'put', coll: CASES, id: from.id, value: from },
      { op: 'put', coll: CASES, id: to.id, value: to },
      auditOp({ at: now, actor, action: 'split', target: { kind: 'case', id: c.id }, before: { alerts: c.alertIds.length }, after: { to: to.id, moved: [...leaving] } }),
    ]);
    return { from, to };
  }

  async link(id: string, incident: string, actor: string, scope: CustomerScope = 'all'): Promise<Case> {
    const c = this.writable(id, scope);
    const now = new Date(this.clock.now()).toISOString();
    const next: Case = { ...c, state: 'escalated', incidentId: incident, updatedAt: now, rev: c.rev + 1 };
    await this.store.commit([
      { op: 'put', coll: CASES, id, value: next },
      auditOp({ at: now, actor, action: 'escalate', target: { kind: 'case', id }, before: { state: c.state }, after: { state: 'escalated', incidentId: incident } }),
    ]);
    return next;
  }
}
