import type { Alert } from '../shared/alert.js';
import { compareUrgency } from '../shared/alert-order.js';

/**
 * Every alert the client holds, kept in queue order. A delta moves only the rows it touches
 * (binary search + splice) instead of re-sorting 100k rows, so filtering and live updates cost
 * one linear pass at most.
 */
export class SortedAlerts {
  private readonly byId = new Map<string, Alert>();
  private sorted: Alert[] = [];

  get size(): number {
    return this.sorted.length;
  }

  get(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Queue order; callers must not mutate it. */
  all(): readonly Alert[] {
    return this.sorted;
  }

  reset(alerts: readonly Alert[]): void {
    this.byId.clear();
    for (const a of alerts) this.byId.set(a.id, a);
    this.sorted = [...this.byId.values()].sort(compareUrgency);
  }

  upsert(a: Alert): void {
    const old = this.byId.get(a.id);
    if (old) this.sorted.splice(this.position(old), 1);
    this.byId.set(a.id, a);
    this.sorted.splice(this.position(a), 0, a);
  }

  /** compareUrgency is a total order (ties broken by id), so this is the row's exact place. */
  private position(a: Alert): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareUrgency(this.sorted[mid]!, a) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
