import { randomUUID } from 'node:crypto';
import type { Alert } from '../../shared/alert.js';
import { compareQueue, slaKey, type AlertQueryShape, type ClockFacts, type QueueEntry } from '../../shared/alert-order.js';
import { compileFilterParam } from '../../shared/filter/index.js';
import type { CustomerScope } from '../../shared/permissions.js';
import type { EventName, EventParams, MethodResult } from '../../shared/protocol.js';
import type { QueueSource } from '../queue-source.js';
import { Subscription } from './subscription.js';
import { smallest } from './top-n.js';

/** Past this many pending changes a subscription is reset instead of growing. */
const MAX_PENDING = 10_000;

/**
 * How stale a time-relative filter (`age<1h`, `is:snoozed`) may get: such subscriptions are
 * placed afresh this often. Suppression rules are checked every reevaluate() tick instead.
 */
export const TIME_RELATIVE_BOUND_MS = 15_000;

export interface SubscriptionSink {
  send<E extends EventName>(event: E, params: EventParams<E>): void;
  /** True when the client's socket has more queued than the cap. */
  congested(): boolean;
  /** There are changes to send: ask for a flush (the server decides when). */
  changed(): void;
}

export interface SubscribeRequest extends AlertQueryShape {
  filter?: string | undefined;
  /** Snapshot size, already capped by the daemon's snapshotLimit. */
  limit: number;
}

/**
 * Snapshot-then-deltas per connection, filtered by the daemon. Changes coalesce by alert id
 * between flushes, so a burst of repeats on one alert costs one row in the next delta.
 */
export class AlertSubscriptions {
  private readonly subs = new Map<string, Subscription>();

  constructor(
    private readonly sink: SubscriptionSink,
    private readonly source: QueueSource,
  ) {}

  get size(): number {
    return this.subs.size;
  }

  /** Throws invalid_params naming the column when the filter does not parse. */
  open(req: SubscribeRequest, me: string, customers: CustomerScope = 'all'): MethodResult<'alerts.subscribe'> {
    const { filter: text, limit, ...query } = req;
    const filter = text?.trim() ? compileFilterParam(text, 'filter') : undefined;
    const now = this.source.now();
    const vis = this.source.visibility(now);
    const sub = new Subscription(randomUUID(), { query, filter, me, customers: customers === 'all' ? undefined : new Set(customers) }, now, vis);
    const shown = sub.evaluate(this.source.slots(), (slot) => this.source.idAt(slot), now, vis);
    // The same order the TUI shows, so an old low alert with an overdue clock is never cut.
    const facts = new Map<string, ClockFacts>();
    const entries = shown.map((alert): QueueEntry => {
      const f = this.source.clockFacts(alert, now);
      if (f) facts.set(alert.id, f);
      return { alert, sla: slaKey(f) };
    });
    const top = smallest(entries, limit, compareQueue).map((e) => e.alert);
    this.subs.set(sub.id, sub);
    return { subscription: sub.id, seq: 0, alerts: top, clocks: clocksOf(top, (a) => facts.get(a.id)), ...sub.queueCounts(this.source.total()) };
  }

  close(id: string): boolean {
    return this.subs.delete(id);
  }

  onUpserted(alerts: readonly Alert[]): void {
    if (this.subs.size === 0) return;
    const now = this.source.now();
    const vis = this.source.visibility(now);
    const slots = alerts.map((a) => this.source.slotOf(a.id));
    let changed = false;
    for (const sub of this.subs.values()) {
      alerts.forEach((a, i) => sub.update(slots[i]!, a, now, vis));
      if (sub.pending.size > MAX_PENDING) this.reset(sub, 'too many pending changes');
      else changed ||= sub.hasChanges;
    }
    if (changed) this.sink.changed();
  }

  /**
   * Places every alert again for subscriptions whose view may have moved without an alert
   * changing: a suppression rule was added, removed or expired, or time carried alerts across
   * a time-relative term (at most TIME_RELATIVE_BOUND_MS late).
   */
  reevaluate(): void {
    if (this.subs.size === 0) return;
    const now = this.source.now();
    const vis = this.source.visibility(now);
    for (const sub of this.subs.values()) {
      const aged = (sub.timeRelative || vis.timeRelative) && now - sub.evaluatedAt >= TIME_RELATIVE_BOUND_MS;
      if (sub.epoch === vis.epoch && !aged) continue;
      sub.evaluate(this.source.slots(), (slot) => this.source.idAt(slot), now, vis);
      if (sub.pending.size > MAX_PENDING) this.reset(sub, 'too many changes at once');
      else if (sub.hasChanges) this.sink.changed();
    }
  }

  flush(): void {
    for (const sub of this.subs.values()) {
      const changes = sub.takeChanges();
      if (!changes) continue;
      if (this.sink.congested()) {
        this.reset(sub, 'client too slow: send buffer over cap');
        continue;
      }
      sub.seq++;
      const now = this.source.now();
      const clocks = clocksOf(changes.upserts, (a) => this.source.clockFacts(a, now));
      this.sink.send('alerts.changed', { subscription: sub.id, seq: sub.seq, ...changes, clocks, ...sub.queueCounts(this.source.total()) });
    }
  }

  private reset(sub: Subscription, reason: string): void {
    // Dropping the subscription frees its state; the client re-subscribes for a fresh snapshot.
    this.subs.delete(sub.id);
    this.sink.send('subscription.reset', { subscription: sub.id, reason });
  }
}

/** The clocks of these alerts that have one, by alert id, as the wire carries them. */
function clocksOf(alerts: readonly Alert[], factsOf: (a: Alert) => ClockFacts | undefined): Record<string, ClockFacts> {
  const out: Record<string, ClockFacts> = {};
  for (const a of alerts) {
    const f = factsOf(a);
    if (f) out[a.id] = f;
  }
  return out;
}
