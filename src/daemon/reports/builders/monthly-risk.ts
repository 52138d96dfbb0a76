import { compareSeverity, emptySeverityCounts, type Severity } from '../../../shared/severity.js';
import type { FindingRecord, ScanRunRecord } from '../inputs/records.js';
import { previousPeriod, type Period } from '../time/period.js';
import { changePct, inRange, topCounts } from './stats.js';

export interface MonthlyRiskInput {
  period: Period;
  scanRuns: ScanRunRecord[];
  findings: FindingRecord[];
  topN?: number;
  /** Months shown in the trend chart, ending with this one. */
  trendMonths?: number;
}

export interface LifecycleCounts {
  new: number;
  fixed: number;
  reopened: number;
  accepted: number;
}

export interface MonthlyRiskData {
  period: Period;
  scans: { runs: number; assetsCovered: number; byKind: { kind: string; runs: number }[] };
  lifecycle: LifecycleCounts;
  previousLifecycle: LifecycleCounts;
  newChangePct: number | null;
  /** Open (or reopened) at the end of the month: what is still exposed. */
  openBySeverity: Record<Severity, number>;
  openByCategory: { category: string; count: number }[];
  openTotal: number;
  topRisks: FindingRecord[];
  trend: { label: string; lifecycle: LifecycleCounts }[];
}

function lifecycle(findings: FindingRecord[], p: Period): LifecycleCounts {
  const count = (f: (x: FindingRecord) => string | undefined) => findings.filter((x) => inRange(f(x), p.start, p.end)).length;
  return { new: count((x) => x.firstSeen), fixed: count((x) => x.fixedAt), reopened: count((x) => x.reopenedAt), accepted: count((x) => x.acceptedAt) };
}

export function buildMonthlyRisk(input: MonthlyRiskInput): MonthlyRiskData {
  const { period } = input;
  const topN = input.topN ?? 10;
  const runs = input.scanRuns.filter((r) => inRange(r.startedAt, period.start, period.end));
  const open = input.findings.filter((f) => (f.status === 'open' || f.status === 'reopened') && Date.parse(f.firstSeen) < period.end);
  const openBySeverity = emptySeverityCounts();
  for (const f of open) openBySeverity[f.severity]++;

  const months: Period[] = [period];
  while (months.length < (input.trendMonths ?? 6)) months.unshift(previousPeriod(months[0]!));
  const previous = previousPeriod(period);
  const current = lifecycle(input.findings, period);
  const before = lifecycle(input.findings, previous);

  return {
    period,
    scans: {
      runs: runs.length,
      assetsCovered: new Set(runs.flatMap((r) => r.targets)).size,
      byKind: topCounts(runs, (r) => r.kind, 20).map((k) => ({ kind: k.key, runs: k.count })),
    },
    lifecycle: current,
    previousLifecycle: before,
    newChangePct: changePct(current.new, before.new),
    openBySeverity,
    openByCategory: topCounts(open, (f) => f.category, 20).map((c) => ({ category: c.key, count: c.count })),
    openTotal: open.length,
    topRisks: [...open].sort((a, b) => compareSeverity(b.severity, a.severity) || a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id)).slice(0, topN),
    trend: months.map((m) => ({ label: m.label, lifecycle: lifecycle(input.findings, m) })),
  };
}
