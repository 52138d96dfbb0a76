import type { Alert } from '../shared/alert.js';
import type { SlaClockInfo } from '../shared/calendar/sla-clock-info.js';
import { compareQueue, NO_CLOCK, sameKey, slaKey, type ClockFacts, type QueueEntry, type SlaKey } from '../shared/alert-order.js';

/**
 * Every alert the client holds, kept in queue order. A delta moves only the rows it touches
 * (binary search + splice) instead of re-sorting 100k rows, so filtering and live updates cost
 * one linear pass at most. SLA keys are computed once per clock refresh, not per comparison.
 */
export class SortedAlerts {
  private readonly byId = new Map<string, QueueEntry>();
  private sorted: QueueEntry[] = [];
  private slaKeys = new Map<string, SlaKey>();

  get size(): number {
    return this.sorted.length;
  }

  get(id: string): Alert | undefined {
    return this.byId.get(id)?.alert;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Queue order; callers must not mutate it. */
  all(): readonly QueueEntry[] {
    return this.sorted;
  }

  /** New rows; with `clocks` (a subscription snapshot's), those are the only SLA clocks known. */
  reset(alerts: readonly Alert[], clocks?: Readonly<Record<string, ClockFacts>>): void {
    if (clocks) this.slaKeys = new Map(Object.entries(clocks).map(([id, k]) => [id, slaKey(k)]));
    this.byId.clear();
    for (const a of alerts) this.byId.set(a.id, this.entry(a));
    this.sorted = [...this.byId.values()].sort(compareQueue);
  }

  upsert(a: Alert): void {
    this.remove(a.id);
    const e = this.entry(a);
    this.byId.set(a.id, e);
    this.sorted.splice(this.position(e), 0, e);
  }

  /** Clocks that came with a delta: the upserts that follow take their places by them. */
  noteClocks(clocks: Readonly<Record<string, ClockFacts>>): void {
    for (const [id, k] of Object.entries(clocks)) this.slaKeys.set(id, slaKey(k));
  }

  remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.sorted.splice(this.position(old), 1);
    this.byId.delete(id);
  }

  /**
   * Takes fresh SLA clocks (alerts without one rank as having none) and re-sorts in place. Only
   * rows whose key changed are touched, and a clock tick leaves the order almost as it was, which
   * the engine's merge sort (TimSort) handles in about one linear pass. Says whether any row
   * moved, so an unmoved queue is not redrawn.
   */
  setClocks(clocks: readonly SlaClockInfo[]): boolean {
    const next = new Map(clocks.map((k) => [k.itemId, slaKey(k)]));
    let changed = false;
    for (const id of new Set([...this.slaKeys.keys(), ...next.keys()])) {
      const e = this.byId.get(id);
      const key = next.get(id) ?? NO_CLOCK;
      if (!e || sameKey(e.sla, key)) continue;
      e.sla = key;
      changed = true;
    }
    this.slaKeys = next;
    if (!changed) return false;
    const before = this.sorted.slice();
    this.sorted.sort(compareQueue);
    return this.sorted.some((e, i) => e !== before[i]);
  }

  private entry(alert: Alert): QueueEntry {
    return { alert, sla: this.slaKeys.get(alert.id) ?? NO_CLOCK };
  }

  /** compareQueue is a total order (ties broken by id), so this is the row's exact place. */
  private position(e: QueueEntry): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareQueue(this.sorted[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
