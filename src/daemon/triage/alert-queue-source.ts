import type { Alert } from '../../shared/alert.js';
import type { ClockFacts } from '../../shared/alert-order.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { QueueSource, QueueVisibility } from '../queue-source.js';
import { clockId, type SlaClockRecord } from '../sla/clock-record.js';
import type { Store } from '../store/store.js';
import { suppressedBy, SuppressionIndex } from './suppressions.js';
import { ALERTS, SLA_CLOCKS } from '../collections.js';

/**
 * The facts the queue order needs, read from a stored clock without calendar maths, so a
 * snapshot can rank 100k alerts in milliseconds. Due times in the record already fold in the
 * business calendar and past pauses, so "used ≥ target" is "the due time has passed" (for a
 * paused clock: passed before the pause began) — the same test `sla.list` makes in business time.
 */
export function clockFacts(rec: SlaClockRecord, now: number): ClockFacts {
  const phase = rec.phase === 'response' ? 'response' : 'resolution';
  const dueAt = phase === 'response' ? rec.responseDueAt : rec.resolutionDueAt;
  const until = rec.pausedSince ? Date.parse(rec.pausedSince) : now;
  return { phase: rec.phase, paused: rec.pausedSince !== undefined, breached: rec.breached[phase] !== undefined || until >= Date.parse(dueAt), dueAt };
}

/**
 * The live queue's data for the server's subscriptions: alerts (triage's), SLA clocks (through
 * the store) and suppressions. Alerts are kept at slots, fed by `alerts.upserted`, because the
 * store's collection is an object whose full scan costs ~100 ms at 100k alerts.
 */
/** The facts the queue order needs from an alert's SLA clock, if it has one. */
export function alertClockFacts(store: Store, a: Alert, now: number): ClockFacts | undefined {
  const rec = store.get<SlaClockRecord>(SLA_CLOCKS, clockId('alert', a.id));
  return rec && clockFacts(rec, now);
}

export class AlertQueueSource implements QueueSource {
  private readonly suppressions: SuppressionIndex;
  private readonly slotIds = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly bySlot: (Alert | undefined)[] = [];
  private live = 0;

  constructor(
    private readonly store: Store,
    bus: Bus,
    private readonly clock: Clock,
  ) {
    this.suppressions = new SuppressionIndex(store);
    bus.on('alerts.upserted', (alerts) => {
      for (const a of alerts) this.put(a);
    });
    bus.on('alerts.removed', (ids) => {
      for (const id of ids) this.drop(id);
    });
  }

  now(): number {
    return this.clock.now();
  }

  total(): number {
    return this.store.count(ALERTS);
  }

  slots(): readonly (Alert | undefined)[] {
    // Alerts written without the bus (a store loaded from a checkpoint, tests seeding one) show
    // up as a count that does not add up.
    if (this.live !== this.store.count(ALERTS)) this.reload();
    return this.bySlot;
  }

  slotOf(id: string): number {
    let slot = this.slotIds.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.slotIds.set(id, slot);
      this.ids.push(id);
      this.bySlot.push(undefined);
    }
    return slot;
  }

  idAt(slot: number): string {
    return this.ids[slot]!;
  }

  clockFacts(a: Alert, now: number): ClockFacts | undefined {
    return alertClockFacts(this.store, a, now);
  }

  visibility(now: number): QueueVisibility {
    const rules = this.suppressions.active(now);
    return {
      epoch: rules.map((r) => `${r.rule.id}:${r.rule.filter}`).join('\n'),
      timeRelative: rules.some((r) => r.timeRelative),
      suppressed: suppressedBy(rules, now),
    };
  }

  private put(a: Alert): void {
    const slot = this.slotOf(a.id);
    if (!this.bySlot[slot]) this.live++;
    // The store's own object: a repeat is patched into a new one there, and holding the
    // emitted copy as well would keep two of every repeated alert alive.
    this.bySlot[slot] = this.store.get<Alert>(ALERTS, a.id) ?? a;
  }

  private drop(id: string): void {
    const slot = this.slotIds.get(id);
    if (slot === undefined || !this.bySlot[slot]) return;
    this.bySlot[slot] = undefined;
    this.live--;
  }

  private reload(): void {
    for (const a of this.store.values<Alert>(ALERTS)) this.put(a);
    for (const [id, slot] of this.slotIds) if (this.bySlot[slot] && !this.store.get(ALERTS, id)) this.drop(id);
  }
}
