import type { Alert } from '../../shared/alert.js';
import { matchesQuery, type AlertQueryShape } from '../../shared/alert-order.js';
import type { CompiledFilter } from '../../shared/filter/index.js';
import type { QueueCounts } from '../../shared/protocol.js';
import type { QueueVisibility } from '../queue-source.js';

/** Where an alert stands for one subscriber; Out when it does not match, Foreign when it is another customer's (not even counted). */
export const Place = { Out: 0, Shown: 1, Suppressed: 2, Snoozed: 3, Foreign: 4 } as const;
export type Place = (typeof Place)[keyof typeof Place];

export interface SubscriptionSpec {
  query: AlertQueryShape;
  filter: CompiledFilter | undefined;
  /** The subscriber's actor from hello, for `assignee:me` and `is:mine`. */
  me: string;
  /** The subscriber's customers; undefined for a user of every customer. */
  customers?: ReadonlySet<string> | undefined;
}

/**
 * One subscriber's view of the queue: the place of every alert (one byte per slot), so a change
 * that moves an alert out of (or into) the filter becomes a removal (or an add) for this
 * subscriber only, and the matched count stays exact without rescanning the store.
 */
export class Subscription {
  seq = 0;
  /** When every alert was last placed; time-relative filters are placed again on a timer. */
  evaluatedAt: number;
  /** The suppression rules the places were computed under. */
  epoch: string;
  private places = new Uint8Array(0);
  private readonly counts = [0, 0, 0, 0, 0];
  /** Changes since the last delta, by id: the alert to send, or null when it left the view. */
  readonly pending = new Map<string, Alert | null>();
  private countsChanged = false;
  /** The first evaluation is the snapshot: nothing to queue as changes. */
  private evaluated = false;

  constructor(
    readonly id: string,
    private readonly spec: SubscriptionSpec,
    now: number,
    vis: QueueVisibility,
  ) {
    this.evaluatedAt = now;
    this.epoch = vis.epoch;
  }

  get timeRelative(): boolean {
    return this.spec.filter?.timeRelative ?? false;
  }

  private placeOf(a: Alert, now: number, vis: QueueVisibility): Place {
    const { query, filter, me, customers } = this.spec;
    if (customers && !customers.has(a.customer)) return Place.Foreign;
    if (!matchesQuery(a, query)) return Place.Out;
    if (filter && !filter.match(a, { now, me })) return Place.Out;
    // Snoozed alerts stay out of the queue until they wake, unless the analyst asks for them.
    if (!filter?.mentionsSnoozed && a.snoozedUntil !== undefined && Date.parse(a.snoozedUntil) > now) return Place.Snoozed;
    return vis.suppressed(a) ? Place.Suppressed : Place.Shown;
  }

  /** The alert at `slot` changed: queue it as an add or update, or as a removal if it left the view. */
  update(slot: number, a: Alert, now: number, vis: QueueVisibility): void {
    if (slot >= this.places.length) {
      const grown = new Uint8Array(Math.max(slot + 1, this.places.length * 2));
      grown.set(this.places);
      this.places = grown;
    }
    const prev = this.places[slot] as Place;
    const next = this.placeOf(a, now, vis);
    if (prev === next && (next === Place.Out || next === Place.Foreign)) return;
    this.counts[prev]!--;
    this.counts[next]!++;
    this.places[slot] = next;
    this.record(a.id, prev, next, a);
  }

  /**
   * Places every alert afresh and returns the shown ones. After the first time, the differences
   * (time moved an alert across `age<1h`, a rule was added or expired) are queued as changes.
   */
  evaluate(slots: readonly (Alert | undefined)[], idAt: (slot: number) => string, now: number, vis: QueueVisibility): Alert[] {
    const queue = this.evaluated;
    const before = this.places;
    const places = new Uint8Array(slots.length);
    const shown: Alert[] = [];
    this.counts.fill(0);
    for (let slot = 0; slot < slots.length; slot++) {
      const a = slots[slot];
      const next = a ? this.placeOf(a, now, vis) : Place.Out;
      places[slot] = next;
      this.counts[next]!++;
      if (next === Place.Shown) shown.push(a!);
      const prev = (before[slot] ?? Place.Out) as Place;
      if (queue && prev !== next) this.record(a?.id ?? idAt(slot), prev, next, a);
    }
    this.places = places;
    this.evaluated = true;
    this.evaluatedAt = now;
    this.epoch = vis.epoch;
    return shown;
  }

  private record(id: string, prev: Place, next: Place, a: Alert | undefined): void {
    // Another customer's alert arriving or going is no change to this subscriber: not even a counts-only delta.
    if (prev !== next && !(outside(prev) && outside(next))) this.countsChanged = true;
    if (next === Place.Shown && a) this.pending.set(id, a);
    else if (prev === Place.Shown) this.pending.set(id, null);
  }

  get hasChanges(): boolean {
    return this.pending.size > 0 || this.countsChanged;
  }

  /** `total` is every alert in the store, less other customers' for a scoped subscriber. */
  queueCounts(total: number): QueueCounts {
    return { total: total - this.counts[Place.Foreign]!, matched: this.counts[Place.Shown]!, hidden: { suppressed: this.counts[Place.Suppressed]!, snoozed: this.counts[Place.Snoozed]! } };
  }

  /** The changes to send, or undefined when nothing a subscriber sees has changed. */
  takeChanges(): { upserts: Alert[]; removed: string[] } | undefined {
    if (!this.hasChanges) return undefined;
    const upserts: Alert[] = [];
    const removed: string[] = [];
    for (const [id, a] of this.pending) {
      if (a) upserts.push(a);
      else removed.push(id);
    }
    this.pending.clear();
    this.countsChanged = false;
    return { upserts, removed };
  }
}

function outside(p: Place): boolean {
  return p === Place.Out || p === Place.Foreign;
}
