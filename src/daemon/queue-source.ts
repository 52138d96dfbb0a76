import type { Alert } from '../shared/alert.js';
import type { ClockFacts } from '../shared/alert-order.js';

/** What the live queue hides besides what a subscription's own filter leaves out. */
export interface QueueVisibility {
  /** Changes whenever the rules in force change (added, removed, expired), so subscriptions re-evaluate. */
  epoch: string;
  /** Some rule in force matches on time (`age>7d`), so alerts drift into it as time passes. */
  timeRelative: boolean;
  suppressed(a: Alert): boolean;
}

/**
 * The daemon state a subscription reads: alerts, their SLA clocks and the suppression rules.
 * The server owns subscriptions but not this data; triage provides it (AlertQueueSource).
 *
 * Alerts sit at slots: a dense number per alert id, never reused, with holes where an alert
 * was deleted. A subscription keeps one byte per slot for where each alert stands, instead of
 * a map entry per alert, and a full pass walks an array rather than the store's collection.
 */
export interface QueueSource {
  now(): number;
  total(): number;
  slots(): readonly (Alert | undefined)[];
  /** The slot of an alert id; a new id gets the next one. */
  slotOf(id: string): number;
  idAt(slot: number): string;
  /** What the alert's SLA clock says at `now`, for the queue order; undefined without a clock. */
  clockFacts(a: Alert, now: number): ClockFacts | undefined;
  visibility(now: number): QueueVisibility;
}
