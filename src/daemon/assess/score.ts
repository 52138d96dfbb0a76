import type { Severity } from '../../shared/severity.js';
import type { CheckResult } from './check-status.js';

/**
 * How much one check weighs in its section. Info checks inform, they do not score.
 * A section's score is the weighted share of its decided checks that passed, so a host
 * assessed against 260 checks is not floored at 0 by a handful of medium findings.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 40, high: 20, medium: 10, low: 4, info: 0 };

/**
 * Ceilings a failing check of this severity puts on its section, whatever the pass share:
 * one exploitable critical makes the section critical, one high keeps it from reading good.
 */
const CEILING: Partial<Record<Severity, number>> = { critical: 49, high: 84 };

export const GRADES = ['good', 'fair', 'poor', 'critical', 'not_assessed'] as const;
export type Grade = (typeof GRADES)[number];

export interface SectionScore {
  /** 0-100, or null when no facts were collected for the section. */
  value: number | null;
  grade: Grade;
}

export function gradeOf(value: number | null): Grade {
  if (value === null) return 'not_assessed';
  if (value >= 85) return 'good';
  if (value >= 70) return 'fair';
  if (value >= 50) return 'poor';
  return 'critical';
}

export interface ScoredCheck {
  severity: Severity;
  status: CheckResult['status'];
}

/**
 * Weighted pass share of the checks that reached a verdict (not_collected and not_applicable
 * neither help nor hurt), capped by the worst failing severity.
 */
export function scoreSection(assessed: boolean, checks: readonly ScoredCheck[]): SectionScore {
  if (!assessed) return { value: null, grade: 'not_assessed' };
  let decided = 0;
  let passed = 0;
  let ceiling = 100;
  for (const c of checks) {
    if (c.status !== 'pass' && c.status !== 'fail') continue;
    const w = SEVERITY_WEIGHT[c.severity];
    decided += w;
    if (c.status === 'pass') passed += w;
    else ceiling = Math.min(ceiling, CEILING[c.severity] ?? 100);
  }
  const share = decided === 0 ? 100 : Math.round((100 * passed) / decided);
  return valued(Math.min(share, ceiling));
}

/** The overall score: the mean of the assessed sections. */
export function scoreOverall(sections: readonly SectionScore[]): SectionScore {
  const values = sections.flatMap((s) => (s.value === null ? [] : [s.value]));
  if (values.length === 0) return { value: null, grade: 'not_assessed' };
  return valued(Math.round(values.reduce((s, v) => s + v, 0) / values.length));
}

function valued(value: number): SectionScore {
  return { value, grade: gradeOf(value) };
}
