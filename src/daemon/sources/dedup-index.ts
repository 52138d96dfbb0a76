import type { Alert } from '../../shared/alert.js';
import type { Store } from '../store/store.js';
import { dedupKey } from './fingerprint.js';

/** A stored row's counters as a batch moves them; the row itself is not copied. */
// A type, not an interface: it is the patch op's field record as it stands.
export type Counters = {
  count: number;
  firstSeen: string;
  lastSeen: string;
};

/**
 * What the index keeps per dedup key, so that a repeat costs one map lookup: the row it folds
 * into, that row's last sighting as a number, and its counters in the batch that last moved it.
 */
interface RowRef {
  id: string;
  lastMs: number;
  seq: number;
  counters: Counters | undefined;
  /**
   * The stored row `counters` was last patched into. While the store still holds that very
   * object, nothing but intake has written it (an analyst's change puts a new one), so the next
   * batch carries on from the same counters without reading the row.
   */
  row: Alert | undefined;
}

/** The rows one intake batch creates and the stored rows whose counters it moves. */
export interface BatchRows {
  /** Tells a row's counters in this batch from those of an earlier one. */
  seq: number;
  created: Map<string, Alert>;
  // A repeat of a stored row costs three fields until the commit, not a copy of the row: at
  // thousands of rows per batch the copies were most of what the garbage collector moved.
  repeats: Map<string, Counters>;
  /** Every row the batch touched; their lastSeen is written from lastMs when the batch is sealed. */
  touched: RowRef[];
}

/**
 * Dedup key -> the row its repeats fold into. A batch is filled synchronously (nothing else runs
 * meanwhile), so a row already moved by the batch is known to be open; any other row is read
 * once per batch, and not even that while the store holds the object intake last patched.
 */
export class DedupIndex {
  private readonly byKey = new Map<string, RowRef>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    /** The alerts collection. */
    private readonly coll: string,
  ) {
    for (const a of store.values<Alert>(coll)) this.byKey.set(dedupKey(a), { id: a.id, lastMs: Date.parse(a.lastSeen), seq: 0, counters: undefined, row: undefined });
  }

  newBatch(): BatchRows {
    return { seq: ++this.seq, created: new Map(), repeats: new Map(), touched: [] };
  }

  /**
   * Folds a record into its key's row when that row is open and within `windowMs` of the
   * record; returns the row id, or undefined when the record must become a new row.
   */
  repeat(rows: BatchRows, key: string, time: number, windowMs: number): string | undefined {
    const ref = this.byKey.get(key);
    const c = ref && (ref.seq === rows.seq ? ref.counters : this.openCounters(ref));
    if (!ref || !c || Math.abs(time - ref.lastMs) > windowMs) return undefined;
    if (ref.seq !== rows.seq) {
      ref.seq = rows.seq;
      ref.counters = c;
      rows.repeats.set(ref.id, c);
      rows.touched.push(ref);
    }
    // A repeat moves counters only. It does not bump `rev`: analysts' optimistic revisions guard
    // their own decisions, and a noisy rule must not make every action on its row a conflict.
    c.count++;
    // lastSeen is written out once per row when the batch is sealed; only an out-of-order
    // record can move firstSeen, and only then is its time formatted here.
    if (time > ref.lastMs) ref.lastMs = time;
    else if (time < ref.lastMs) {
      const iso = new Date(time).toISOString();
      if (iso < c.firstSeen) c.firstSeen = iso;
    }
    return ref.id;
  }

  /** A new row for `key`: its repeats fold into it from now on. */
  created(rows: BatchRows, key: string, alert: Alert, time: number): void {
    // The new row is its own counters in this batch; the next batch reads them from the stored row.
    const ref: RowRef = { id: alert.id, lastMs: time, seq: rows.seq, counters: alert, row: undefined };
    this.byKey.set(key, ref);
    rows.created.set(alert.id, alert);
    rows.touched.push(ref);
  }

  /**
   * A row another cluster member wrote: repeats here fold into it too. The newer row of a key
   * wins, and a known row is read again (its counters moved elsewhere).
   */
  learn(a: Alert): void {
    const key = dedupKey(a);
    const ref = this.byKey.get(key);
    const lastMs = Date.parse(a.lastSeen);
    if (ref?.id === a.id) {
      ref.lastMs = Math.max(ref.lastMs, lastMs);
      ref.row = undefined;
      ref.counters = undefined;
      ref.seq = 0;
    } else if (!ref || lastMs >= ref.lastMs) this.byKey.set(key, { id: a.id, lastMs, seq: 0, counters: undefined, row: undefined });
  }

  /** Writes each touched row's lastSeen: called once, as the batch is committed. */
  seal(rows: BatchRows): void {
    for (const ref of rows.touched) ref.counters!.lastSeen = new Date(ref.lastMs).toISOString();
  }

  /** A stored row's counters as a repeat would start moving them; undefined for a closed or deleted row, which repeats do not reopen. */
  private openCounters(ref: RowRef): Counters | undefined {
    const row = this.store.get<Alert>(this.coll, ref.id);
    if (row && row === ref.row && ref.counters) return ref.counters;
    if (!row || row.state === 'closed') {
      ref.row = undefined;
      return undefined;
    }
    ref.row = row;
    return { count: row.count, firstSeen: row.firstSeen, lastSeen: row.lastSeen };
  }
}
