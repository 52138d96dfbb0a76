import type { SlaClockInfo } from '../../../src/shared/calendar/sla-clock-info.js';
import { slaBand } from '../../../src/shared/calendar/sla-band.js';

/** The moment these clocks are described at. */
export const CLOCK_NOW = Date.parse('2026-01-10T11:00:00.000Z');

/**
 * An alert's SLA clock as the daemon describes it at CLOCK_NOW, with `remaining` minutes of a
 * 60-minute response target on a 24x7 calendar (so it is due `remaining` minutes from then).
 */
export function clock(itemId: string, remaining: number, over: Partial<SlaClockInfo> = {}): SlaClockInfo {
  const usedShare = (60 - remaining) / 60;
  const paused = over.paused ?? false;
  const due = new Date(CLOCK_NOW + remaining * 60_000).toISOString();
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
    startedAt: new Date(CLOCK_NOW - (60 - remaining) * 60_000).toISOString(),
    responseDueAt: due,
    resolutionDueAt: new Date(CLOCK_NOW + (remaining + 180) * 60_000).toISOString(),
    dueAt: due,
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
