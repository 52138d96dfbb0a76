import type { Severity } from '../../shared/severity.js';

/** The kinds of item an SLA clock can run for. */
export const SLA_KINDS = ['alert', 'advisory', 'leak', 'incident', 'finding', 'report'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/**
 * The generic SLA API: any subsystem reports its items' states on the bus, after the change
 * is durable in its own collection:
 *
 *   bus.emit('sla.observed', [{ kind: 'advisory', id, severity: 'high', state: 'new', at: createdAt }])
 *
 * The first observation starts a clock (at `createdAt`, else `at`) when a policy matches kind + severity; later
 * ones with another state respond, pause, resume or resolve it. Re-sending the same state is a
 * no-op, so a subsystem may re-emit all its open items at start-up to heal a crash gap.
 */
export interface SlaObservation {
  kind: SlaKind;
  id: string;
  severity: Severity;
  /** Item state in the owner's own words; the policy maps it to respond / pause / resolve. */
  state: string;
  /** ISO time the state was entered. */
  at: string;
  /** ISO time the item was created: where a new clock starts (defaults to `at`). */
  createdAt?: string;
  customer?: string;
  title?: string;
  /** Who owns the item now; recorded as the actor on duty if it breaches. */
  assignee?: string;
  /**
   * The owner knows the item cannot wait (a leaked key that still works): every escalation
   * step up to 100 % fires at once, paging on-call. Not a breach: that still needs the time.
   */
  page?: boolean;
  /** Start under this policy by name rather than the first kind + severity match (reporting clocks per operator class). */
  policy?: string;
}

declare module '../bus.js' {
  interface BusEvents {
    /** Any subsystem reports item states here to start/pause/stop SLA clocks (see sla/observation.ts). */
    'sla.observed': [items: SlaObservation[]];
    /** Escalation steps that fired, after they are durable (raisedTo: the step raised the SLA severity). */
    'sla.escalated': [steps: { clockId: string; kind: string; itemId: string; phase: string; at: number; raisedTo?: string }[]];
  }
}
