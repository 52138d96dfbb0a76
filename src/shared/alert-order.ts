import type { Alert } from './alert.js';
import type { SlaPhase } from './calendar/sla-clock-info.js';
import { severityRank, type Severity } from './severity.js';

export interface AlertQueryShape {
  minSeverity?: Severity | undefined;
  state?: string[] | undefined;
  customer?: string | undefined;
}

export function matchesQuery(a: Alert, q: AlertQueryShape): boolean {
  if (q.minSeverity && severityRank(a.severity) < severityRank(q.minSeverity)) return false;
  if (q.state && q.state.length > 0 && !q.state.includes(a.state)) return false;
  if (q.customer && a.customer !== q.customer) return false;
  return true;
}

/** Most severe first, then most recently seen, then id (so the order is total). */
export function compareUrgency(a: Alert, b: Alert): number {
  const s = severityRank(b.severity) - severityRank(a.severity);
  if (s !== 0) return s;
  return a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : a.id < b.id ? -1 : 1;
}

/** Where an alert's SLA clock puts it in the queue, most urgent first. */
export const SlaRank = { Breached: 0, Running: 1, Paused: 2, None: 3 } as const;
export type SlaRank = (typeof SlaRank)[keyof typeof SlaRank];

/**
 * What the queue order needs from a clock. The TUI has it from `sla.list` (SlaClockInfo) and the
 * daemon from the clock records in its store, so both derive the same key from the same facts.
 */
export interface ClockFacts {
  phase: SlaPhase;
  paused: boolean;
  breached: boolean;
  /** Due time of the running phase. */
  dueAt: string;
}

/** The SLA part of an alert's place in the queue, computed once per clock change rather than per comparison. */
export interface SlaKey {
  rank: SlaRank;
  /**
   * Due instant (epoch ms). Ordering by it puts the most overdue first and then the soonest
   * breach: on one calendar that is exactly "least business time left", and unlike business
   * minutes it does not drift as clocks tick, so a sorted queue stays sorted.
   */
  dueMs: number;
}

export const NO_CLOCK: SlaKey = { rank: SlaRank.None, dueMs: Infinity };

/**
 * A met clock (phase done) is as calm as no clock. A breached clock outranks its pause, as it
 * does for the colour band: the target is already missed.
 */
export function slaKey(k: ClockFacts | undefined): SlaKey {
  if (!k || k.phase === 'done') return NO_CLOCK;
  const rank = k.breached ? SlaRank.Breached : k.paused ? SlaRank.Paused : SlaRank.Running;
  const due = Date.parse(k.dueAt);
  // A clock whose due time could not be computed (calendar gap) sorts last within its rank.
  return { rank, dueMs: Number.isNaN(due) ? Infinity : due };
}

export function sameKey(a: SlaKey, b: SlaKey): boolean {
  return a.rank === b.rank && a.dueMs === b.dueMs;
}

/** An alert with its sort key; the key is replaced when its clock changes. */
export interface QueueEntry {
  readonly alert: Alert;
  sla: SlaKey;
}

/**
 * Queue order, the one both the daemon (which alerts make the snapshot) and the TUI (row order)
 * use: SLA urgency, then severity, then most recently seen, then id.
 */
export function compareQueue(a: QueueEntry, b: QueueEntry): number {
  const rank = a.sla.rank - b.sla.rank;
  if (rank !== 0) return rank;
  // Infinity - Infinity is NaN: two clocks without a due time tie here.
  const due = a.sla.dueMs - b.sla.dueMs;
  if (due !== 0 && !Number.isNaN(due)) return due;
  return compareUrgency(a.alert, b.alert);
}
