import { randomUUID } from 'node:crypto';
import type { Alert } from '../../shared/alert.js';
import { compareUrgency, matchesQuery, type AlertQueryShape } from '../../shared/alert-order.js';
import type { EventName, EventParams } from '../../shared/protocol.js';

/** Past this many pending changes a subscription is reset instead of growing. */
const MAX_PENDING = 10_000;

interface Subscription {
  id: string;
  query: AlertQueryShape;
  seq: number;
  pending: Map<string, Alert>;
}

export interface SubscriptionSink {
  send<E extends EventName>(event: E, params: EventParams<E>): void;
  /** True when the client's socket has more queued than the cap. */
  congested(): boolean;
}

/**
 * Snapshot-then-deltas per connection. Changes coalesce by alert id between flushes, so a
 * burst of repeats on one alert costs one row in the next delta.
 */
export class AlertSubscriptions {
  private readonly subs = new Map<string, Subscription>();

  constructor(
    private readonly sink: SubscriptionSink,
    private readonly totalAlerts: () => number,
  ) {}

  get size(): number {
    return this.subs.size;
  }

  open(query: AlertQueryShape, all: Iterable<Alert>, limit: number): { subscription: string; seq: number; alerts: Alert[]; total: number } {
    const matching: Alert[] = [];
    for (const a of all) if (matchesQuery(a, query)) matching.push(a);
    matching.sort(compareUrgency);
    const sub: Subscription = { id: randomUUID(), query, seq: 0, pending: new Map() };
    this.subs.set(sub.id, sub);
    return { subscription: sub.id, seq: 0, alerts: matching.slice(0, limit), total: this.totalAlerts() };
  }

  close(id: string): boolean {
    return this.subs.delete(id);
  }

  onUpserted(alerts: Alert[]): void {
    for (const sub of this.subs.values()) {
      for (const a of alerts) if (matchesQuery(a, sub.query)) sub.pending.set(a.id, a);
      if (sub.pending.size > MAX_PENDING) this.reset(sub, 'too many pending changes');
    }
  }

  flush(): void {
    for (const sub of this.subs.values()) {
      if (sub.pending.size === 0) continue;
      if (this.sink.congested()) {
        this.reset(sub, 'client too slow: send buffer over cap');
        continue;
      }
      sub.seq++;
      const upserts = [...sub.pending.values()];
      sub.pending.clear();
      this.sink.send('alerts.changed', { subscription: sub.id, seq: sub.seq, upserts, removed: [], total: this.totalAlerts() });
    }
  }

  private reset(sub: Subscription, reason: string): void {
    // Dropping the subscription frees its pending map; the client re-subscribes for a fresh snapshot.
    this.subs.delete(sub.id);
    this.sink.send('subscription.reset', { subscription: sub.id, reason });
  }
}
