import type { Alert } from '../../shared/alert.js';
import type { SlaObservation } from './observation.js';

/**
 * Alerts report to the SLA clocks through the same observations as every other kind. The
 * state time is the triage change's time when there is one; a clock starts at the alert's first
 * sighting (the clock service caps that at "now").
 */
export function observeAlert(a: Alert, now: number): SlaObservation {
  return {
    kind: 'alert',
    id: a.id,
    severity: a.severity,
    state: a.state,
    at: a.state === 'new' ? a.firstSeen : (a.lastChange?.at ?? new Date(now).toISOString()),
    createdAt: a.firstSeen,
    customer: a.customer,
    title: a.title,
    ...(a.assignee ? { assignee: a.assignee } : {}),
  };
}
