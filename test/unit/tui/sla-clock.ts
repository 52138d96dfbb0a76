import type { SlaClockInfo } from '../../../src/shared/calendar/sla-clock-info.js';
import { slaBand } from '../../../src/shared/calendar/sla-band.js';

/** An alert's SLA clock as the daemon describes it, with `remaining` business minutes of a 60-minute response target. */
export function clock(itemId: string, remaining: number, over: Partial<SlaClockInfo> = {}): SlaClockInfo {
  const usedShare = (60 - remaining) / 60;
  const paused = over.paused ?? false;
  return {
    id: `alert:${itemId}`,
    kind: 'alert',
    itemId,
    customer: 'default',
    title: `alert ${itemId}`,
    severity: 'high',
    policy: 'alerts',
    calendar: '24x7',
    state: paused ? 'waiting_customer' : 'new',
    phase: 'response',
    startedAt: '2026-01-10T10:00:00.000Z',
    responseDueAt: '2026-01-10T11:00:00.000Z',
    resolutionDueAt: '2026-01-10T14:00:00.000Z',
    dueAt: '2026-01-10T11:00:00.000Z',
    remainingMinutes: remaining,
    usedShare,
    band: slaBand({ usedShare, paused }),
    paused,
    breached: remaining < 0,
    open: true,
    explanation: paused ? 'paused (waiting_customer)' : 'running',
    calendarState: 'business hours',
    ...over,
  };
}
