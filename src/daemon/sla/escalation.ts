import type { BusinessCalendar } from '../../shared/calendar/business-calendar.js';
import type { SlaBreach } from '../../shared/calendar/sla-clock-info.js';
import { formatCountdown } from '../../shared/calendar/sla-band.js';
import { SEVERITIES, severityRank, type Severity } from '../../shared/severity.js';
import { NotifyTemplate, type NotifyRequest } from '../notify/outbox.js';
import { targetMs, usedMs, type SlaClockRecord, type TimedPhase } from './clock-record.js';
import type { SlaPolicy } from './sla-config.js';

export interface EscalationOutcome {
  rec: SlaClockRecord;
  breaches: SlaBreach[];
  notifications: NotifyRequest[];
  /** Steps fired now, in order, for the bus. */
  fired: { phase: TimedPhase; at: number; raisedTo?: Severity }[];
}

function raise(sev: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, severityRank(sev) + 1)]!;
}

function breachOf(rec: SlaClockRecord, phase: TimedPhase, nowIso: string, onCall: string): SlaBreach {
  return {
    id: `${rec.id}:${phase}`,
    clockId: rec.id,
    kind: rec.kind,
    itemId: rec.itemId,
    customer: rec.customer,
    severity: rec.raisedSeverity ?? rec.severity,
    phase,
    dueAt: phase === 'response' ? rec.responseDueAt : rec.resolutionDueAt,
    recordedAt: nowIso,
    onDuty: rec.assignee ?? onCall,
  };
}

/**
 * Fires every escalation step of the clock's phases that is due and not fired yet, lowest
 * first, and records breaches (a phase that ended late is a breach too). Pure: the caller
 * commits the returned record, breaches and notifications together.
 */
export function escalate(rec: SlaClockRecord, policy: SlaPolicy | undefined, cal: BusinessCalendar, now: number, onCall: string): EscalationOutcome {
  const out: EscalationOutcome = { rec, breaches: [], notifications: [], fired: [] };
  const nowIso = new Date(now).toISOString();
  let next = rec;
  const phases: TimedPhase[] = rec.phase === 'response' ? ['response'] : ['response', 'resolution'];
  for (const phase of phases) {
    const ended = phase === 'response' ? rec.respondedAt !== undefined : rec.resolvedAt !== undefined;
    const share = usedMs(next, phase, now, cal) / targetMs(next, phase);
    if (share >= 1 && next.breached[phase] === undefined) {
      const breach = breachOf(next, phase, nowIso, onCall);
      out.breaches.push(breach);
      next = { ...next, breached: { ...next.breached, [phase]: breach.dueAt } };
    }
    // Steps are warnings to act; once the phase ended there is nothing left to act on.
    if (ended || !policy || next.pausedSince) continue;
    const due = next.pagedAt ? Math.max(share, 1) : share;
    const steps = [...policy.escalation].sort((a, b) => a.at - b.at).filter((s) => s.at <= due * 100 && !next.fired[phase].includes(s.at));
    for (const step of steps) {
      const sev = next.raisedSeverity ?? next.severity;
      const raisedTo = step.raiseSeverity ? raise(sev) : undefined;
      next = { ...next, fired: { ...next.fired, [phase]: [...next.fired[phase], step.at] }, ...(raisedTo ? { raisedSeverity: raisedTo } : {}) };
      out.fired.push({ phase, at: step.at, ...(raisedTo ? { raisedTo } : {}) });
      const remaining = (targetMs(next, phase) - usedMs(next, phase, now, cal)) / 60_000;
      for (const channel of step.notify) {
        out.notifications.push({
          channel,
          dedupKey: `sla:${next.id}:${phase}:${step.at}`,
          template: step.at >= 100 && share >= 1 ? NotifyTemplate.SlaBreach : NotifyTemplate.SlaEscalation,
          mention: step.mentionOnCall,
          vars: {
            kind: next.kind,
            item: next.itemId,
            title: next.title,
            customer: next.customer,
            severity: next.raisedSeverity ?? next.severity,
            phase,
            step: step.at,
            dueAt: phase === 'response' ? next.responseDueAt : next.resolutionDueAt,
            remaining: formatCountdown(remaining),
            policy: next.policy,
            onDuty: next.assignee ?? onCall,
          },
        });
      }
    }
  }
  out.rec = next;
  return out;
}
