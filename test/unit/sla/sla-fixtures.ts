import { SlaPolicy, type SlaPolicy as Policy } from '../../../src/daemon/sla/sla-config.js';
import type { SlaObservation } from '../../../src/daemon/sla/observation.js';
import { shippedCalendar } from '../calendar/load-calendar.js';

export const cn = shippedCalendar('cn');

export function policy(over: Partial<Record<keyof Policy, unknown>> = {}): Policy {
  return SlaPolicy.parse({
    name: 'advisory-30m',
    kinds: ['advisory', 'leak'],
    calendar: 'cn',
    responseMinutes: 30,
    resolutionMinutes: 300,
    escalation: [
      { at: 100, notify: ['ding'], mentionOnCall: true, raiseSeverity: true },
      { at: 50, notify: ['wecom'] },
      { at: 80, notify: ['wecom', 'ding'], mentionOnCall: true },
    ],
    ...over,
  });
}

export function obs(state: string, at: string, over: Partial<SlaObservation> = {}): SlaObservation {
  return { kind: 'advisory', id: 'adv-1', severity: 'high', state, at, customer: 'acme', title: 'CVE-2026-0001 in nginx', ...over };
}

export const t = (iso: string) => Date.parse(iso);
