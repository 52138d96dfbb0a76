import { compareSeverity, emptySeverityCounts, severityRank, type Severity } from '../../../shared/severity.js';
import type { AlertRecord, IncidentRecord, SlaPhaseRecord } from '../inputs/records.js';
import { daysOf, previousPeriod, type Period } from '../time/period.js';
import { attackHeat, type AttackHeat } from './attack-heat.js';
import { changePct, inRange, mean, rate, topCounts } from './stats.js';

export interface TuningPolicy {
  /** A rule needs at least this many alerts in the week to be called noisy. */
  minAlerts: number;
  /** …and at least this share of its decided alerts closed as false positive. */
  minFpRate: number;
}

export interface WeeklyOpsInput {
  period: Period;
  alerts: AlertRecord[];
  slaPhases: SlaPhaseRecord[];
  incidents: IncidentRecord[];
  tuning: TuningPolicy;
  topN?: number;
}

export interface DispositionStats {
  decided: number;
  truePositive: number;
  benign: number;
  falsePositive: number;
  duplicate: number;
  undetermined: number;
  tpRate: number | null;
  fpRate: number | null;
}

export interface WeeklyOpsData {
  period: Period;
  previous: Period;
  totals: { alerts: number; events: number; previousAlerts: number; changePct: number | null };
  bySeverity: Record<Severity, number>;
  previousBySeverity: Record<Severity, number>;
  byDay: { day: number; counts: Record<Severity, number> }[];
  topRules: { ruleId: string; title: string; alerts: number; events: number }[];
  topHosts: { host: string; alerts: number; highest: Severity }[];
  dispositions: DispositionStats;
  /** `clocks` counts phases (response, resolution) started in the period. */
  sla: { clocks: number; mttaMinutes: number | null; mttrMinutes: number | null; withinTarget: number | null; breaches: SlaPhaseRecord[] };
  incidents: { opened: IncidentRecord[]; closed: IncidentRecord[] };
  notable: AlertRecord[];
  tuning: { ruleId: string; title: string; alerts: number; fpRate: number }[];
  /** ATT&CK coverage of the week's alerts. */
  attack: AttackHeat;
}

function severityCounts(alerts: AlertRecord[]): Record<Severity, number> {
  const c = emptySeverityCounts();
  for (const a of alerts) c[a.severity]++;
  return c;
}

export function dispositionStats(alerts: AlertRecord[]): DispositionStats {
  const n = (d: AlertRecord['disposition']) => alerts.filter((a) => a.disposition === d).length;
  const truePositive = n('true_positive');
  const benign = n('benign_true_positive');
  const falsePositive = n('false_positive');
  const duplicate = n('duplicate');
  // Duplicates say nothing about rule quality, so they stay out of the rates.
  const decided = truePositive + benign + falsePositive;
  return { decided, truePositive, benign, falsePositive, duplicate, undetermined: n(undefined), tpRate: rate(truePositive, decided), fpRate: rate(falsePositive, decided) };
}

function minutesBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 60_000;
}

function isBreach(c: SlaPhaseRecord, start: number, end: number): boolean {
  if (c.breachedAt) return inRange(c.breachedAt, start, end);
  const due = Date.parse(c.dueAt);
  if (due < start || due >= end) return false;
  return c.stoppedAt ? Date.parse(c.stoppedAt) > due : end > due;
}

function slaStats(clocks: SlaPhaseRecord[], p: Period): WeeklyOpsData['sla'] {
  const started = clocks.filter((c) => inRange(c.startedAt, p.start, p.end));
  const stopped = started.filter((c): c is SlaPhaseRecord & { stoppedAt: string } => c.stoppedAt !== undefined);
  const minutes = (target: SlaPhaseRecord['target']) => stopped.filter((c) => c.target === target).map((c) => minutesBetween(c.startedAt, c.stoppedAt));
  return {
    clocks: started.length,
    mttaMinutes: mean(minutes('ack')),
    mttrMinutes: mean(minutes('resolve')),
    withinTarget: rate(stopped.filter((c) => Date.parse(c.stoppedAt) <= Date.parse(c.dueAt)).length, stopped.length),
    breaches: clocks.filter((c) => isBreach(c, p.start, p.end)).sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
  };
}

/** The weekly Service Operations Report's figures, all computed from the customer's records. */
export function buildWeeklyOps(input: WeeklyOpsInput): WeeklyOpsData {
  const { period } = input;
  const topN = input.topN ?? 10;
  const previous = previousPeriod(period);
  const inWeek = input.alerts.filter((a) => inRange(a.firstSeen, period.start, period.end));
  const lastWeek = input.alerts.filter((a) => inRange(a.firstSeen, previous.start, previous.end));
  const days = daysOf(period);
  const byDay = days.map((day, i) => ({ day, counts: severityCounts(inWeek.filter((a) => inRange(a.firstSeen, day, days[i + 1] ?? period.end))) }));

  const topRules = topCounts(inWeek, (a) => a.ruleId, topN).map((r) => ({
    ruleId: r.key,
    title: r.items[0]!.title,
    alerts: r.count,
    events: r.items.reduce((s, a) => s + a.count, 0),
  }));
  const topHosts = topCounts(inWeek, (a) => a.host, topN).map((h) => ({
    host: h.key,
    alerts: h.count,
    highest: h.items
      .map((a) => a.severity)
      .sort(compareSeverity)
      .at(-1)!,
  }));

  const tuning = topCounts(inWeek, (a) => a.ruleId, Number.MAX_SAFE_INTEGER)
    .map((r) => ({ ruleId: r.key, title: r.items[0]!.title, alerts: r.count, fpRate: dispositionStats(r.items).fpRate }))
    .filter((r): r is typeof r & { fpRate: number } => r.fpRate !== null && r.alerts >= input.tuning.minAlerts && r.fpRate >= input.tuning.minFpRate)
    .slice(0, topN);

  const notable = inWeek
    .filter((a) => severityRank(a.severity) >= severityRank('high'))
    .sort((a, b) => compareSeverity(b.severity, a.severity) || b.count - a.count || a.firstSeen.localeCompare(b.firstSeen))
    .slice(0, topN);

  return {
    period,
    previous,
    totals: { alerts: inWeek.length, events: inWeek.reduce((s, a) => s + a.count, 0), previousAlerts: lastWeek.length, changePct: changePct(inWeek.length, lastWeek.length) },
    bySeverity: severityCounts(inWeek),
    previousBySeverity: severityCounts(lastWeek),
    byDay,
    topRules,
    topHosts,
    dispositions: dispositionStats(inWeek),
    sla: slaStats(input.slaPhases, period),
    incidents: {
      opened: input.incidents.filter((i) => inRange(i.openedAt, period.start, period.end)),
      closed: input.incidents.filter((i) => inRange(i.closedAt, period.start, period.end)),
    },
    notable,
    tuning,
    attack: attackHeat(inWeek, 3 * topN),
  };
}
