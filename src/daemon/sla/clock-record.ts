import type { BusinessCalendar } from '../../shared/calendar/business-calendar.js';
import { addBusinessMs, businessMsBetween } from '../../shared/calendar/business-time.js';
import type { SlaPhase } from '../../shared/calendar/sla-clock-info.js';
import { formatZoned, MINUTE_MS } from '../../shared/calendar/zoned-time.js';
import type { Severity } from '../../shared/severity.js';
import type { SlaObservation } from './observation.js';
import type { SlaPolicy } from './sla-config.js';

export type TimedPhase = Exclude<SlaPhase, 'done'>;

/**
 * A clock as stored. Targets and calendar are copied from the policy at start, so a restart
 * (or a later config edit) gives the same due times for clocks already running. Due times are
 * derived from startedAt + target + paused business time and recomputed, never trusted.
 */
export interface SlaClockRecord {
  id: string;
  kind: string;
  itemId: string;
  customer: string;
  title: string;
  severity: Severity;
  raisedSeverity?: Severity;
  policy: string;
  calendar: string;
  responseMs: number;
  resolutionMs: number;
  startedAt: string;
  state: string;
  phase: SlaPhase;
  respondedAt?: string;
  resolvedAt?: string;
  pausedSince?: string;
  /** Business time spent paused before the current pause. */
  pausedMs: number;
  responseDueAt: string;
  resolutionDueAt: string;
  /** Escalation step percentages already fired, per phase. */
  fired: Record<TimedPhase, number[]>;
  breached: Partial<Record<TimedPhase, string>>;
  assignee?: string;
  /** Set by an observation with `page`: steps up to 100 % are due from then on. */
  pagedAt?: string;
}

export function clockId(kind: string, itemId: string): string {
  return `${kind}:${itemId}`;
}

/** Due instants (ms) of both phases from the record's start, targets and paused time. */
export function dueTimes(rec: Pick<SlaClockRecord, 'startedAt' | 'responseMs' | 'resolutionMs' | 'pausedMs'>, cal: BusinessCalendar): Record<TimedPhase, number> {
  const start = Date.parse(rec.startedAt);
  return {
    response: addBusinessMs(start, rec.responseMs + rec.pausedMs, cal),
    resolution: addBusinessMs(start, rec.resolutionMs + rec.pausedMs, cal),
  };
}

export function withDueTimes(rec: SlaClockRecord, cal: BusinessCalendar): SlaClockRecord {
  const due = dueTimes(rec, cal);
  return { ...rec, responseDueAt: formatZoned(due.response, cal.timeZone), resolutionDueAt: formatZoned(due.resolution, cal.timeZone) };
}

/** A new clock at obs.at with due times not yet computed (the caller adds them with withDueTimes). */
export function newClock(obs: SlaObservation, policy: SlaPolicy, cal: BusinessCalendar): SlaClockRecord {
  return {
    id: clockId(obs.kind, obs.id),
    kind: obs.kind,
    itemId: obs.id,
    customer: obs.customer ?? 'default',
    title: obs.title ?? '',
    severity: obs.severity,
    policy: policy.name,
    calendar: cal.name,
    responseMs: Math.round(policy.responseMinutes * MINUTE_MS),
    resolutionMs: Math.round(policy.resolutionMinutes * MINUTE_MS),
    startedAt: new Date(Date.parse(obs.at)).toISOString(),
    state: 'new',
    phase: 'response',
    pausedMs: 0,
    responseDueAt: '',
    resolutionDueAt: '',
    fired: { response: [], resolution: [] },
    breached: {},
    ...(obs.assignee ? { assignee: obs.assignee } : {}),
  };
}

/** The clock after the item entered obs.state; undefined when nothing changed. */
export function applyObservation(rec: SlaClockRecord, obs: SlaObservation, policy: SlaPolicy, cal: BusinessCalendar): SlaClockRecord | undefined {
  const sameMeta = rec.assignee === obs.assignee && (obs.title === undefined || obs.title === rec.title);
  if (obs.state === rec.state && sameMeta) return undefined;
  let next: SlaClockRecord = { ...rec, state: obs.state, title: obs.title ?? rec.title };
  if (obs.assignee) next.assignee = obs.assignee;
  else delete next.assignee;
  if (obs.state === rec.state) return next;

  const at = Date.parse(obs.at);
  const atIso = new Date(at).toISOString();
  const pausing = policy.pauseStates.includes(obs.state);
  if (next.pausedSince && !pausing) {
    next.pausedMs += Math.max(0, businessMsBetween(Date.parse(next.pausedSince), at, cal));
    delete next.pausedSince;
    next = withDueTimes(next, cal);
  } else if (!next.pausedSince && pausing && next.phase !== 'done') {
    next.pausedSince = atIso;
  }
  const resolved = policy.resolveStates.includes(obs.state);
  if ((resolved || policy.respondStates.includes(obs.state)) && !next.respondedAt) next.respondedAt = atIso;
  if (resolved) {
    next.resolvedAt ??= atIso;
    delete next.pausedSince;
    next.phase = 'done';
  } else {
    // A resolved item that comes back (reopened) runs its resolution clock again.
    delete next.resolvedAt;
    next.phase = next.respondedAt ? 'resolution' : 'response';
  }
  return next;
}

/** Business time used so far, excluding pauses; stops counting at the phase's end. */
export function usedMs(rec: SlaClockRecord, phase: TimedPhase, now: number, cal: BusinessCalendar): number {
  const endIso = phase === 'response' ? rec.respondedAt : rec.resolvedAt;
  const end = endIso ? Date.parse(endIso) : now;
  const start = Date.parse(rec.startedAt);
  const paused = rec.pausedMs + (rec.pausedSince ? businessMsBetween(Date.parse(rec.pausedSince), end, cal) : 0);
  return Math.max(0, businessMsBetween(start, end, cal) - paused);
}

export function targetMs(rec: SlaClockRecord, phase: TimedPhase): number {
  return phase === 'response' ? rec.responseMs : rec.resolutionMs;
}
