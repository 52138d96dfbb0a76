/**
 * Gathers one report's inputs from the store and builds its document. The only place that
 * knows which collections feed which report.
 */
import type { z } from 'zod';
import { SocdeckError } from '../../shared/errors.js';
import { runAssessment } from '../assess/engine.js';
import type { Fact, FactSet } from '../assess/fact.js';
import type { MlpsData, MlpsLevel } from '../assess/mlps/mlps-catalogue.js';
import { mlpsSummary } from '../assess/mlps/mlps-status.js';
import type { Rule } from '../assess/rule-pack.js';
import { buildMonthlyRisk } from './builders/monthly-risk.js';
import { buildQuarterly } from './builders/quarterly-assessment.js';
import { buildWeeklyOps, type TuningPolicy } from './builders/weekly-ops.js';
import { composeAdvisory } from './compose/advisory-doc.js';
import { skippedNote, type ComposeContext } from './compose/common.js';
import { composeIncident } from './compose/incident-doc.js';
import { composeLeak } from './compose/leak-doc.js';
import { composeMonthlyRisk } from './compose/monthly-risk-doc.js';
import { composeQuarterly } from './compose/quarterly-doc.js';
import { composeWeeklyOps } from './compose/weekly-ops-doc.js';
import type { ReportDoc } from './document.js';
import { createLocale, type Lang } from './i18n/locale.js';
import { CloudActivity } from '../../shared/cloud.js';
import { readCollection, type ReadResult, type RecordSource } from './inputs/read-collection.js';
import { AdvisoryRecord, AlertRecord, COLLECTIONS, FindingRecord, IncidentRecord, LeakLocationRecord, LeakRecord, ScanRunRecord, SlaClockRecord } from './inputs/records.js';
import { REPORT_KINDS, type ReportKind } from './report-kinds.js';
import { lastCompletePeriod, parsePeriod } from './time/period.js';

export interface BuildRequest {
  kind: ReportKind;
  customer: string;
  lang: Lang;
  tz: string;
  now: number;
  /** Period label for periodic reports; default: the last complete period. */
  period?: string;
  /** Item id for advisory, leak and incident reports. */
  id?: string;
}

export interface BuildEnv {
  records: RecordSource;
  tuning: TuningPolicy;
  /** Rules and the customer's collected facts, for the quarterly assessment. */
  assessment: () => { rules: Rule[]; facts: FactSet; mlps?: { data: MlpsData; level: MlpsLevel } };
}

export interface BuiltReport {
  doc: ReportDoc;
  /** Period label or item id. */
  subject: string;
}

/** Open findings become network facts, so the assessment sees what the scanners found. */
function findingFacts(findings: FindingRecord[]): Fact[] {
  return findings.map((f) => ({ kind: 'scan_finding', origin: `findings/${f.id}`, data: { ...f } }));
}

function byId<T extends { id: string }>(read: ReadResult<T>, kind: ReportKind, id: string | undefined): T {
  if (!id) throw new SocdeckError('invalid_params', `the ${kind} report needs --id (the ${kind} item to report on)`);
  const item = read.items.find((x) => x.id === id);
  if (!item) throw new SocdeckError('not_found', `no ${kind} item "${id}" for this customer${read.skipped.count ? ` (${read.skipped.count} record(s) did not fit the report input)` : ''}`);
  return item;
}

export function buildReport(req: BuildRequest, env: BuildEnv): BuiltReport {
  const locale = createLocale(req.lang, req.tz);
  const read = <S extends z.ZodType<{ customer: string }>>(coll: string, schema: S) => readCollection(env.records, coll, schema, (x) => x.customer === req.customer);
  const periodKind = REPORT_KINDS[req.kind].period;
  const period = periodKind ? (req.period ? parsePeriod(periodKind, req.period, req.tz) : lastCompletePeriod(periodKind, req.now, req.tz)) : undefined;
  const subject = period?.label ?? req.id ?? '';
  const ctx = (notes: string[]): ComposeContext => ({ locale, customer: req.customer, subject, generatedAt: req.now, dataNotes: notes });

  switch (req.kind) {
    case 'weekly': {
      const alerts = read(COLLECTIONS.alerts, AlertRecord);
      const clocks = read(COLLECTIONS.slaClocks, SlaClockRecord);
      const incidents = read(COLLECTIONS.incidents, IncidentRecord);
      const data = buildWeeklyOps({ period: period!, alerts: alerts.items, slaPhases: clocks.items.flatMap((c) => c.phases), incidents: incidents.items, tuning: env.tuning });
      const notes = [
        ...skippedNote(locale, COLLECTIONS.alerts, alerts.skipped),
        ...skippedNote(locale, COLLECTIONS.slaClocks, clocks.skipped),
        ...skippedNote(locale, COLLECTIONS.incidents, incidents.skipped),
      ];
      return { doc: composeWeeklyOps(data, ctx(notes)), subject };
    }
    case 'monthly': {
      const runs = read(COLLECTIONS.scanRuns, ScanRunRecord);
      const findings = read(COLLECTIONS.findings, FindingRecord);
      const data = buildMonthlyRisk({ period: period!, scanRuns: runs.items, findings: findings.items });
      return { doc: composeMonthlyRisk(data, ctx([...skippedNote(locale, COLLECTIONS.scanRuns, runs.skipped), ...skippedNote(locale, COLLECTIONS.findings, findings.skipped)])), subject };
    }
    case 'quarterly': {
      const findings = read(COLLECTIONS.findings, FindingRecord);
      const { rules, facts, mlps } = env.assessment();
      const result = runAssessment(rules, [...facts.facts, ...findingFacts(findings.items)], req.now, facts.problems, facts.collected);
      const summary = mlps
        ? mlpsSummary(
            mlps.data,
            mlps.level,
            result.sections.flatMap((s) => s.checks),
          )
        : undefined;
      return { doc: composeQuarterly(buildQuarterly(period!, result, summary), ctx(skippedNote(locale, COLLECTIONS.findings, findings.skipped))), subject };
    }
    case 'advisory': {
      const r = read(COLLECTIONS.advisories, AdvisoryRecord);
      return { doc: composeAdvisory(byId(r, 'advisory', req.id), ctx([])), subject };
    }
    case 'leak': {
      const leak = byId(read(COLLECTIONS.leaks, LeakRecord), 'leak', req.id);
      const found = readCollection(env.records, COLLECTIONS.leakFindings, LeakLocationRecord, (x) => x.leakId === leak.id);
      const locations = found.items.length > 0 ? found.items : leak.first ? [leak.first] : [];
      const cloudActivity = readCollection(env.records, COLLECTIONS.leakCloudActivity, CloudActivity, (x) => x.leakId === leak.id).items[0];
      return { doc: composeLeak({ ...leak, locations, ...(cloudActivity ? { cloudActivity } : {}) }, ctx(skippedNote(locale, COLLECTIONS.leakFindings, found.skipped))), subject };
    }
    case 'incident': {
      const r = read(COLLECTIONS.incidents, IncidentRecord);
      return { doc: composeIncident(byId(r, 'incident', req.id), ctx([])), subject };
    }
  }
}
