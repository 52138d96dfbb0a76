import { mustReport, suggestedGrade, type IncidentGrade, type IncidentGrading, type OperatorClass } from '../../shared/incident-grade.js';
import type { Incident } from '../../shared/incident.js';
import type { SlaObservation } from '../sla/observation.js';

/** Reporting-clock states: the first starts the clock, the second stops it (regraded below 较大). */
export const REPORT_STATES = { due: 'graded', withdrawn: 'downgraded', filed: 'reported' } as const;

/** A regrade below 较大 keeps the earlier policy, so the clock it started is stopped rather than forgotten. */
export function gradingOf(
  grade: IncidentGrade,
  criteria: readonly IncidentGrading['criteria'][number][],
  operatorClass: OperatorClass,
  by: string,
  at: string,
  previous: IncidentGrading | undefined,
): IncidentGrading {
  const reportPolicy = mustReport(grade) ? `report-${operatorClass}` : previous?.reportPolicy;
  const filed = previous?.reportedAt ? { reportedAt: previous.reportedAt, ...(previous.reportedBy ? { reportedBy: previous.reportedBy } : {}) } : {};
  return { grade, criteria: [...new Set(criteria)], operatorClass, by, at, ...(reportPolicy ? { reportPolicy } : {}), ...filed };
}

/** The timeline line: grade, class, and a note when the ticked criteria point elsewhere. */
export function gradeEvent(g: IncidentGrading): string {
  const hint = suggestedGrade(g.criteria);
  const ticked = g.criteria.length ? ` (criteria: ${g.criteria.join(', ')})` : '';
  const differs = hint && hint !== g.grade ? `; the criteria ticked suggest ${hint}` : '';
  const clock = mustReport(g.grade) ? `; reporting clock ${g.reportPolicy}` : g.reportPolicy ? '; reporting clock stopped' : '; no report due';
  return `graded ${g.grade} for a ${g.operatorClass} operator${ticked}${differs}${clock}`;
}

/**
 * The reporting clock's observation: wall-clock under the operator class's policy, started when
 * the incident is first graded 较大 or above and stopped when it is regraded below.
 */
export function reportObservation(i: Incident): SlaObservation | undefined {
  const g = i.grading;
  if (!g?.reportPolicy) return undefined;
  const base = { kind: 'report', id: i.id, severity: i.severity, at: g.at, customer: i.customer, title: `${g.grade} ${i.title}`, ...(i.owner ? { assignee: i.owner } : {}) } as const;
  const state = !mustReport(g.grade) ? REPORT_STATES.withdrawn : g.reportedAt ? REPORT_STATES.filed : REPORT_STATES.due;
  return { ...base, state, ...(g.reportedAt && state === REPORT_STATES.filed ? { at: g.reportedAt } : {}), policy: g.reportPolicy };
}
