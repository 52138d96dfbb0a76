import type { BusinessCalendar } from '../../shared/calendar/business-calendar.js';
import { formatResume, openState } from '../../shared/calendar/open-state.js';
import type { SlaClockInfo } from '../../shared/calendar/sla-clock-info.js';
import { slaBand } from '../../shared/calendar/sla-band.js';
import { MINUTE_MS } from '../../shared/calendar/zoned-time.js';
import { targetMs, usedMs, type SlaClockRecord, type TimedPhase } from './clock-record.js';

/** The phase whose countdown a UI shows: the running one, or resolution once done. */
function shownPhase(rec: SlaClockRecord): TimedPhase {
  return rec.phase === 'response' ? 'response' : 'resolution';
}

/** What a clock says about itself whatever the calendar can compute: identity, policy and due times. */
export function recordFields(rec: SlaClockRecord) {
  return {
    id: rec.id,
    kind: rec.kind,
    itemId: rec.itemId,
    customer: rec.customer,
    title: rec.title,
    severity: rec.raisedSeverity ?? rec.severity,
    policy: rec.policy,
    calendar: rec.calendar,
    state: rec.state,
    phase: rec.phase,
    startedAt: rec.startedAt,
    responseDueAt: rec.responseDueAt,
    resolutionDueAt: rec.resolutionDueAt,
    dueAt: shownPhase(rec) === 'response' ? rec.responseDueAt : rec.resolutionDueAt,
  };
}

export function describeClock(rec: SlaClockRecord, cal: BusinessCalendar, now: number): SlaClockInfo {
  const phase = shownPhase(rec);
  const target = targetMs(rec, phase);
  const used = usedMs(rec, phase, now, cal);
  const paused = rec.pausedSince !== undefined;
  const usedShare = target > 0 ? used / target : 1;
  const breached = rec.breached[phase] !== undefined || usedShare >= 1;
  const open = openState(now, cal);
  let explanation: string;
  if (rec.phase === 'done') explanation = `done (${rec.state})`;
  else if (paused) explanation = `paused (${rec.state})`;
  else explanation = open.open ? 'running' : open.text;
  return {
    ...recordFields(rec),
    ...(rec.respondedAt ? { respondedAt: rec.respondedAt } : {}),
    ...(rec.resolvedAt ? { resolvedAt: rec.resolvedAt } : {}),
    remainingMinutes: (target - used) / MINUTE_MS,
    usedShare,
    band: slaBand({ usedShare, paused }),
    paused,
    breached,
    open: open.open,
    explanation,
    calendarState: open.text,
    ...(open.resumesAt !== undefined ? { resumes: formatResume(open.resumesAt, now, cal) } : {}),
    ...(rec.assignee ? { assignee: rec.assignee } : {}),
  };
}
