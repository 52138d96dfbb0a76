import type { Alert } from './alert.js';
import { severityRank, type Severity } from './severity.js';

export interface AlertQueryShape {
  minSeverity?: Severity | undefined;
  state?: string[] | undefined;
  customer?: string | undefined;
}

export function matchesQuery(a: Alert, q: AlertQueryShape): boolean {
  if (q.minSeverity && severityRank(a.severity) < severityRank(q.minSeverity)) return false;
  if (q.state && q.state.length > 0 && !q.state.includes(a.state)) return false;
  if (q.customer && a.customer !== q.customer) return false;
  return true;
}

/** Most severe first, then most recently seen. The TUI queue puts SLA urgency in front of this (src/tui/queue-order.ts). */
export function compareUrgency(a: Alert, b: Alert): number {
  const s = severityRank(b.severity) - severityRank(a.severity);
  if (s !== 0) return s;
  return a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : a.id < b.id ? -1 : 1;
}
