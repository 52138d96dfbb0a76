import { compareSeverity, type Severity } from '../../shared/severity.js';
import { checkRule, type CheckResult } from './check-status.js';
import { getField, type Fact, type FactProblem } from './fact.js';
import type { Rule } from './rule-pack.js';
import { SECTIONS, type SectionId } from './sections.js';
import { scoreOverall, scoreSection, type SectionScore } from './score.js';

/** Evidence lines kept per finding; the rest are counted. */
export const MAX_EVIDENCE = 50;

export interface AssessmentFinding {
  rule: Rule;
  evidence: string[];
  /** Matching facts beyond MAX_EVIDENCE. */
  moreEvidence: number;
}

export interface SectionResult {
  id: SectionId;
  /** Facts the section's rules looked at; 0 means the section was not assessed. */
  factsExamined: number;
  rulesEvaluated: number;
  findings: AssessmentFinding[];
  /** Every rule of the section with its verdict, in rule order. */
  checks: CheckResult[];
  score: SectionScore;
}

export interface AssessmentResult {
  assessedAt: number;
  sections: SectionResult[];
  overall: SectionScore;
  problems: FactProblem[];
  factCount: number;
}

function fillEvidence(template: string, f: Fact): string {
  const line = template.replace(/\{([\w.-]+)\}/g, (_, k: string) => {
    const v = getField(f.data, k);
    return v === undefined || v === null ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
  return `${line} (${f.origin})`;
}

/**
 * Runs every rule over the facts of its kind; `now` drives date rules (certificate expiry).
 * `collectedKinds` names fact kinds that were looked for even when none came back.
 */
export function runAssessment(rules: Rule[], facts: Fact[], now: number, problems: FactProblem[] = [], collectedKinds: ReadonlySet<string> = new Set()): AssessmentResult {
  const byKind = new Map<string, Fact[]>();
  for (const f of facts) {
    const list = byKind.get(f.kind);
    if (list) list.push(f);
    else byKind.set(f.kind, [f]);
  }
  const sections = SECTIONS.map((id): SectionResult => {
    const sectionRules = rules.filter((r) => r.section === id);
    const examined = new Set<Fact>();
    const findings: AssessmentFinding[] = [];
    const checks: CheckResult[] = [];
    for (const rule of sectionRules) {
      const candidates = byKind.get(rule.fact) ?? [];
      candidates.forEach((f) => examined.add(f));
      const { result, hits } = checkRule(rule, candidates, collectedKinds.has(rule.fact), now);
      checks.push(result);
      if (hits.length === 0) continue;
      findings.push({ rule, evidence: hits.slice(0, MAX_EVIDENCE).map((f) => fillEvidence(rule.evidence, f)), moreEvidence: Math.max(0, hits.length - MAX_EVIDENCE) });
    }
    findings.sort((a, b) => compareSeverity(b.rule.severity, a.rule.severity) || a.rule.id.localeCompare(b.rule.id));
    return {
      id,
      factsExamined: examined.size,
      rulesEvaluated: sectionRules.length,
      findings,
      checks,
      score: scoreSection(
        examined.size > 0,
        checks.map((c, i) => ({ status: c.status, severity: sectionRules[i]!.severity })),
      ),
    };
  });
  const overall = scoreOverall(sections.map((s) => s.score));
  return { assessedAt: now, sections, overall, problems, factCount: facts.length };
}

export function findingsBySeverity(r: AssessmentResult): Record<Severity, number> {
  const out: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
  for (const s of r.sections) for (const f of s.findings) out[f.rule.severity]++;
  return out;
}
