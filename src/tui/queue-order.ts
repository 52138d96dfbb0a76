import type { Alert } from '../shared/alert.js';
import { compareUrgency } from '../shared/alert-order.js';
import type { SlaClockInfo } from '../shared/calendar/sla-clock-info.js';

/** Where an alert's SLA clock puts it in the queue, most urgent first. */
export const SlaRank = { Breached: 0, Running: 1, Paused: 2, None: 3 } as const;
export type SlaRank = (typeof SlaRank)[keyof typeof SlaRank];

/** The SLA part of an alert's place in the queue, computed once per clock refresh rather than per comparison. */
export interface SlaKey {
  rank: SlaRank;
  /** Business minutes left in the running phase; negative once overdue, so the most overdue sorts first. */
  remaining: number;
  /** Share of the target used; breaks ties between clocks with the same time left. */
  share: number;
}

export const NO_CLOCK: SlaKey = { rank: SlaRank.None, remaining: 0, share: 0 };

/**
 * A met clock (phase done) is as calm as no clock. A breached clock outranks its pause, as it
 * does for the colour band: the target is already missed.
 */
export function slaKey(k: SlaClockInfo | undefined): SlaKey {
  if (!k || k.phase === 'done') return NO_CLOCK;
  const rank = k.breached ? SlaRank.Breached : k.paused ? SlaRank.Paused : SlaRank.Running;
  return { rank, remaining: k.remainingMinutes, share: k.usedShare };
}

export function sameKey(a: SlaKey, b: SlaKey): boolean {
  return a.rank === b.rank && a.remaining === b.remaining && a.share === b.share;
}

/** A row of the queue with its sort key; the key is replaced when the clocks refresh. */
export interface QueueEntry {
  readonly alert: Alert;
  sla: SlaKey;
}

/** Queue order: SLA urgency, then severity, then most recently seen (then id, so the order is total). */
export function compareQueue(a: QueueEntry, b: QueueEntry): number {
  return a.sla.rank - b.sla.rank || a.sla.remaining - b.sla.remaining || b.sla.share - a.sla.share || compareUrgency(a.alert, b.alert);
}
