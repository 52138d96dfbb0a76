import type { BusinessCalendar } from '../../shared/calendar/business-calendar.js';
import type { SlaBreach, SlaClockInfo } from '../../shared/calendar/sla-clock-info.js';
import { isSocdeckError } from '../../shared/errors.js';
import type { Bus, BusEvents } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { enqueueOps, type NotifyRequest } from '../notify/outbox.js';
import type { Store, StoreOp } from '../store/store.js';
import { applyObservation, clockId, newClock, withDueTimes, type SlaClockRecord } from './clock-record.js';
import { describeClock, recordFields } from './clock-view.js';
import { escalate } from './escalation.js';
import type { SlaObservation } from './observation.js';
import { policyFor, type SlaConfig, type SlaPolicy } from './sla-config.js';
import { SLA_BREACHES, SLA_CLOCKS } from '../collections.js';

const DAY_MS = 86_400_000;

/**
 * The SLA clocks: started, paused and stopped by observations, checked on every tick for
 * escalation steps and breaches. All store writes go through one serial queue so a tick and
 * an observation never interleave on the same clock.
 */
export class ClockService {
  private queue: Promise<unknown> = Promise.resolve();
  /** Last calendar error per clock, logged once rather than every tick. */
  private readonly errors = new Map<string, string>();

  constructor(
    private readonly cfg: SlaConfig,
    private readonly calendars: ReadonlyMap<string, BusinessCalendar>,
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Runs fn after every earlier write; errors are logged, never thrown at the bus. */
  private serial<T>(fn: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(fn).catch((err: unknown) => {
      this.log.error('sla update failed', { error: err instanceof Error ? err.message : String(err) });
      return undefined;
    });
    this.queue = run;
    return run;
  }

  private running(): SlaClockRecord[] {
    return this.store.values<SlaClockRecord>(SLA_CLOCKS).filter((c) => c.phase !== 'done');
  }

  private policyOf(rec: SlaClockRecord): SlaPolicy | undefined {
    return this.cfg.policies.find((p) => p.name === rec.policy) ?? policyFor(this.cfg.policies, rec.kind, rec.severity);
  }

  /** Recomputes due times from start + targets + pauses (after a restart or a calendar edit). */
  recompute(): Promise<unknown> {
    return this.serial(async () => {
      const ops: StoreOp[] = [];
      for (const rec of this.running()) {
        const cal = this.calendars.get(rec.calendar);
        if (!cal) {
          this.log.error('sla clock refers to an unknown calendar', { clock: rec.id, calendar: rec.calendar });
          continue;
        }
        const next = this.guard(rec, () => withDueTimes(rec, cal));
        if (next && (next.responseDueAt !== rec.responseDueAt || next.resolutionDueAt !== rec.resolutionDueAt)) ops.push({ op: 'put', coll: SLA_CLOCKS, id: rec.id, value: next });
      }
      await this.store.commit(ops);
    });
  }

  observe(items: readonly SlaObservation[]): Promise<unknown> {
    return this.serial(async () => {
      const now = this.clock.now();
      // By id: a restart observes every open item at once (100k alerts), and a list lookup per item made that quadratic.
      const changed = new Map<string, SlaClockRecord>();
      for (const obs of items) {
        const id = clockId(obs.kind, obs.id);
        const existing = changed.get(id) ?? this.store.get<SlaClockRecord>(SLA_CLOCKS, id);
        let next = existing ? this.advance(existing, obs) : this.start(obs, now);
        const base = next ?? existing;
        if (obs.page && base && !base.pagedAt) next = { ...base, pagedAt: new Date(now).toISOString() };
        if (next) changed.set(id, next);
      }
      await this.settle([...changed.values()], now);
    });
  }

  private start(obs: SlaObservation, now: number): SlaClockRecord | undefined {
    const policy = obs.policy ? this.cfg.policies.find((p) => p.name === obs.policy) : policyFor(this.cfg.policies, obs.kind, obs.severity);
    if (!policy) return undefined;
    const cal = this.calendars.get(policy.calendar)!;
    // A source clock ahead of ours must not start a clock in the future.
    const at = new Date(Math.min(Date.parse(obs.createdAt ?? obs.at), now)).toISOString();
    const fresh = newClock({ ...obs, at }, policy, cal);
    // A clock whose due time cannot be computed (calendar year missing) is still kept and
    // listed with the error, so the gap is seen rather than the item going unwatched.
    const started = this.guard(fresh, () => withDueTimes(fresh, cal)) ?? fresh;
    return obs.state === 'new' ? started : (this.guard(started, () => applyObservation(started, obs, policy, cal)) ?? started);
  }

  private advance(rec: SlaClockRecord, obs: SlaObservation): SlaClockRecord | undefined {
    const policy = this.policyOf(rec);
    const cal = this.calendars.get(rec.calendar);
    if (!policy || !cal) return undefined;
    return this.guard(rec, () => applyObservation(rec, obs, policy, cal));
  }

  /** Checks every running clock for due steps and breaches. */
  tick(): Promise<unknown> {
    return this.serial(async () => {
      const now = this.clock.now();
      await this.settle(this.running(), now);
      await this.prune(now);
    });
  }

  /**
   * Escalates the given clocks at `now` and commits them with their breaches and outbox
   * entries in one journal entry; then tells notify and the bus.
   */
  private async settle(clocks: SlaClockRecord[], now: number): Promise<void> {
    const ops: StoreOp[] = [];
    const requests: NotifyRequest[] = [];
    const steps: BusEvents['sla.escalated'][0] = [];
    for (const rec of clocks) {
      const cal = this.calendars.get(rec.calendar);
      const outcome = cal ? this.guard(rec, () => escalate(rec, this.policyOf(rec), cal, now, this.cfg.onCall)) : undefined;
      const next = outcome?.rec ?? rec;
      if (next !== this.store.get(SLA_CLOCKS, rec.id)) ops.push({ op: 'put', coll: SLA_CLOCKS, id: rec.id, value: next });
      if (!outcome) continue;
      for (const b of outcome.breaches) ops.push({ op: 'put', coll: SLA_BREACHES, id: b.id, value: b });
      requests.push(...outcome.notifications);
      for (const f of outcome.fired) steps.push({ clockId: rec.id, kind: rec.kind, itemId: rec.itemId, phase: f.phase, at: f.at, ...(f.raisedTo ? { raisedTo: f.raisedTo } : {}) });
      for (const b of outcome.breaches) this.log.info('sla breached', { clock: b.clockId, phase: b.phase, due: b.dueAt, onDuty: b.onDuty });
    }
    const outbox = enqueueOps(this.store, requests, now);
    ops.push(...outbox.ops);
    await this.store.commit(ops);
    if (outbox.ids.length) this.bus.emit('notify.enqueued', outbox.ids);
    if (steps.length) this.bus.emit('sla.escalated', steps);
  }

  private async prune(now: number): Promise<void> {
    const cutoff = now - this.cfg.retainDoneDays * DAY_MS;
    const old = this.store.values<SlaClockRecord>(SLA_CLOCKS).filter((c) => c.phase === 'done' && c.resolvedAt && Date.parse(c.resolvedAt) < cutoff);
    await this.store.commit(old.map((c) => ({ op: 'del', coll: SLA_CLOCKS, id: c.id })));
  }

  remove(kind: string, ids: readonly string[]): Promise<unknown> {
    return this.serial(async () => {
      const ops: StoreOp[] = [];
      for (const id of ids) {
        const rec = this.store.get<SlaClockRecord>(SLA_CLOCKS, clockId(kind, id));
        if (rec && rec.phase !== 'done') ops.push({ op: 'del', coll: SLA_CLOCKS, id: rec.id });
      }
      await this.store.commit(ops);
    });
  }

  /** Resolves when every write queued so far is durable. */
  idle(): Promise<unknown> {
    return this.serial(async () => undefined);
  }

  describe(rec: SlaClockRecord, now = this.clock.now()): SlaClockInfo {
    const cal = this.calendars.get(rec.calendar);
    try {
      if (!cal) throw new Error(`unknown calendar "${rec.calendar}"`);
      // A clock started without due times (calendar gap) reports the gap rather than a guess.
      return describeClock(rec.responseDueAt && rec.resolutionDueAt ? rec : withDueTimes(rec, cal), cal, now);
    } catch (err) {
      return { ...describeFallback(rec), explanation: `calendar error: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /**
   * Clocks matching `q`, the `limit` most urgent described. Describing is business-calendar
   * arithmetic (seconds for 100k clocks), so the candidates are ordered by their stored due time
   * first (the same order as business time left, on one calendar) and only those returned are
   * described; the queue's SLA column asks by item id, which is a lookup per id, not a scan.
   */
  list(q: { kind?: string; customer?: string; ids?: string[]; includeDone?: boolean }, limit: number): { clocks: SlaClockInfo[]; total: number } {
    const now = this.clock.now();
    const kind = q.kind;
    const pool = q.ids && kind ? q.ids.flatMap((id) => this.store.get<SlaClockRecord>(SLA_CLOCKS, clockId(kind, id)) ?? []) : this.store.values<SlaClockRecord>(SLA_CLOCKS);
    const ids = q.ids ? new Set(q.ids) : undefined;
    const matched = pool.filter((c) => (q.includeDone || c.phase !== 'done') && (!kind || c.kind === kind) && (!q.customer || c.customer === q.customer) && (!ids || ids.has(c.itemId)));
    matched.sort((a, b) => Number(a.pausedSince !== undefined) - Number(b.pausedSince !== undefined) || dueMs(a) - dueMs(b) || (a.id < b.id ? -1 : 1));
    const clocks = matched
      .slice(0, limit)
      .map((c) => this.describe(c, now))
      .sort((a, b) => Number(a.paused) - Number(b.paused) || a.remainingMinutes - b.remainingMinutes || (a.id < b.id ? -1 : 1));
    return { clocks, total: matched.length };
  }

  breaches(q: { customer?: string; since?: string }): SlaBreach[] {
    return this.store
      .values<SlaBreach>(SLA_BREACHES)
      .filter((b) => (!q.customer || b.customer === q.customer) && (!q.since || b.dueAt >= q.since))
      .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1));
  }

  /** Runs a calendar computation; a calendar error (e.g. a missing year) is logged once per clock. */
  private guard<T>(rec: { id: string }, fn: () => T): T | undefined {
    try {
      const out = fn();
      this.errors.delete(rec.id);
      return out;
    } catch (err) {
      if (!isSocdeckError(err)) throw err;
      if (this.errors.get(rec.id) !== err.message) {
        this.errors.set(rec.id, err.message);
        this.log.error('sla clock cannot be computed', { clock: rec.id, error: err.message });
      }
      return undefined;
    }
  }
}

function describeFallback(rec: SlaClockRecord): SlaClockInfo {
  return {
    ...recordFields(rec),
    remainingMinutes: 0,
    usedShare: 1,
    band: 'breached',
    paused: rec.pausedSince !== undefined,
    breached: false,
    open: false,
    explanation: '',
    calendarState: '',
  };
}

/** The running phase's due instant; a clock without one (calendar gap) sorts last. */
function dueMs(c: SlaClockRecord): number {
  const t = Date.parse(c.phase === 'response' ? c.responseDueAt : c.resolutionDueAt);
  return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}
