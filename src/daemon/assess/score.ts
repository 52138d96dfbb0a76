import type { Severity } from '../../shared/severity.js';

/** Points one finding takes off a section's 100; a single critical is already a poor section. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 40, high: 20, medium: 10, low: 4, info: 0 };

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

/** 100 minus the weights of the findings, floored at 0; `fixed` supplies an already-computed value. */
export function scoreSection(assessed: boolean, severities: Severity[], fixed?: number): SectionScore {
  if (!assessed) return { value: null, grade: 'not_assessed' };
  const value = fixed ?? Math.max(0, 100 - severities.reduce((s, sev) => s + SEVERITY_WEIGHT[sev], 0));
  return { value, grade: gradeOf(value) };
}
