import { compareSeverity, severityRank, type Severity } from '../../../shared/severity.js';
import { findingsBySeverity, type AssessmentFinding, type AssessmentResult, type SectionResult } from '../../assess/engine.js';
import type { MlpsSummary } from '../../assess/mlps/mlps-status.js';
import type { Period } from '../time/period.js';

export interface QuarterlyData {
  period: Period;
  result: AssessmentResult;
  bySeverity: Record<Severity, number>;
  /** Critical and high findings across sections, most severe first: the executive summary's list. */
  keyFindings: { section: SectionResult['id']; finding: AssessmentFinding }[];
  notAssessed: SectionResult['id'][];
  rulesEvaluated: number;
  /** 等保 2.0 standing for the customer's filing level, when the catalogue is loaded. */
  mlps?: MlpsSummary;
}

export function buildQuarterly(period: Period, result: AssessmentResult, mlps?: MlpsSummary, keyFindings = 8): QuarterlyData {
  const all = result.sections.flatMap((s) => s.findings.map((finding) => ({ section: s.id, finding })));
  return {
    period,
    result,
    bySeverity: findingsBySeverity(result),
    keyFindings: all
      .filter((f) => severityRank(f.finding.rule.severity) >= severityRank('high'))
      .sort((a, b) => compareSeverity(b.finding.rule.severity, a.finding.rule.severity) || a.finding.rule.id.localeCompare(b.finding.rule.id))
      .slice(0, keyFindings),
    notAssessed: result.sections.filter((s) => s.score.value === null).map((s) => s.id),
    rulesEvaluated: result.sections.reduce((n, s) => n + s.rulesEvaluated, 0),
    ...(mlps ? { mlps } : {}),
  };
}
