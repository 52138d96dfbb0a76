/**
 * What the reports need from other subsystems' collections. Each schema reads only the fields
 * a report uses, in the shape the owning subsystem stores them (see src/shared/scan.ts,
 * incident.ts, intel.ts, leak.ts and src/daemon/sla/clock-record.ts), and transforms them into
 * the report's own input type. Records are parsed defensively (read-collection.ts): one that does
 * not fit is skipped and counted in the report's data-quality note, never a crash.
 */
import type { CloudActivity } from '../../../shared/cloud.js';
import { z } from 'zod';
import { Alert } from '../../../shared/alert.js';
import { Severity } from '../../../shared/severity.js';
import { IncidentGrading } from '../../../shared/incident-grade.js';
import { ADVISORIES, ALERTS, FINDINGS, INCIDENTS, LEAK_CLOUD_ACTIVITY, LEAK_FINDINGS, LEAKS, SCANS, SLA_CLOCKS } from '../../collections.js';

export const COLLECTIONS = {
  alerts: ALERTS,
  slaClocks: SLA_CLOCKS,
  incidents: INCIDENTS,
  scanRuns: SCANS,
  findings: FINDINGS,
  advisories: ADVISORIES,
  leaks: LEAKS,
  leakFindings: LEAK_FINDINGS,
  leakCloudActivity: LEAK_CLOUD_ACTIVITY,
} as const;

const customer = z.string().default('default');
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');

/** An alert as triage leaves it (`disposition` is set when an analyst closes it). */
export const AlertRecord = Alert;
export type AlertRecord = z.infer<typeof AlertRecord>;

/** One timed phase of an SLA clock: `ack` (response) gives MTTA, `resolve` gives MTTR. */
export interface SlaPhaseRecord {
  clockId: string;
  customer: string;
  itemKind: string;
  itemId: string;
  severity: Severity;
  target: 'ack' | 'resolve';
  startedAt: string;
  dueAt: string;
  stoppedAt?: string;
  breachedAt?: string;
}

/** An SLA clock (one per item, two phases) flattened into its phases. */
export const SlaClockRecord = z
  .object({
    id: z.string(),
    customer,
    kind: z.string(),
    itemId: z.string(),
    severity: Severity,
    startedAt: isoTime,
    responseDueAt: isoTime,
    resolutionDueAt: isoTime,
    respondedAt: isoTime.optional(),
    resolvedAt: isoTime.optional(),
    breached: z.object({ response: isoTime.optional(), resolution: isoTime.optional() }).default({}),
  })
  .transform((c) => {
    const base = { clockId: c.id, customer: c.customer, itemKind: c.kind, itemId: c.itemId, severity: c.severity, startedAt: c.startedAt };
    const ack: SlaPhaseRecord = { ...base, target: 'ack', dueAt: c.responseDueAt, stoppedAt: c.respondedAt, breachedAt: c.breached.response };
    const resolve: SlaPhaseRecord = { ...base, target: 'resolve', dueAt: c.resolutionDueAt, stoppedAt: c.resolvedAt, breachedAt: c.breached.resolution };
    return { customer: c.customer, phases: [ack, resolve] };
  });

export const INCIDENT_STATUSES = ['open', 'contained', 'eradicated', 'recovered', 'closed'] as const;

export const IncidentRecord = z
  .object({
    id: z.string(),
    customer,
    type: z.string(),
    title: z.string(),
    severity: Severity,
    status: z.enum(INCIDENT_STATUSES),
    openedAt: isoTime,
    closedAt: isoTime.optional(),
    owner: z.string().optional(),
    summary: z.string().optional(),
    impact: z.string().optional(),
    rootCause: z.string().optional(),
    loss: z.string().optional(),
    lessons: z.string().optional(),
    playbook: z.object({ id: z.string(), commit: z.string().optional() }).optional(),
    timeline: z.array(z.object({ at: isoTime, actor: z.string().optional(), text: z.string() })).default([]),
    checklist: z.array(z.object({ step: z.string(), text: z.string().optional(), done: z.boolean(), by: z.string().optional() })).default([]),
    grading: IncidentGrading.optional(),
    observables: z.array(z.object({ kind: z.string(), value: z.string() })).default([]),
  })
  .transform((i) => ({ ...i, checklist: i.checklist.map((c) => ({ step: c.text ?? c.step, done: c.done, by: c.done ? c.by : undefined })) }));
export type IncidentRecord = z.infer<typeof IncidentRecord>;

export const ScanRunRecord = z.object({
  id: z.string(),
  customer,
  kind: z.string().default('ports'),
  startedAt: isoTime,
  finishedAt: isoTime.optional(),
  targets: z.array(z.string()).default([]),
});
export type ScanRunRecord = z.infer<typeof ScanRunRecord>;

/** Report-side lifecycle: the scanner's `new` and `confirmed` are both still open. */
export const FINDING_STATES = ['open', 'fixed', 'reopened', 'accepted'] as const;

export const FindingRecord = z
  .object({
    id: z.string(),
    customer,
    asset: z.string(),
    checkId: z.string(),
    title: z.string(),
    severity: Severity,
    status: z.enum(['new', 'confirmed', 'accepted', 'fixed', 'reopened']),
    firstSeen: isoTime,
    lastSeen: isoTime,
    fixedAt: isoTime.optional(),
    acceptance: z.object({ at: isoTime }).optional(),
    remediationId: z.string().optional(),
    history: z.array(z.object({ at: z.string(), status: z.string() })).default([]),
  })
  .transform((f) => ({
    id: f.id,
    customer: f.customer,
    asset: f.asset,
    checkId: f.checkId,
    title: f.title,
    severity: f.severity,
    // Checks are named `area.check` (port.telnet, web.git-exposed): the area is the category.
    category: f.checkId.split(/[.:/]/)[0] || 'other',
    status: (f.status === 'new' || f.status === 'confirmed' ? 'open' : f.status) as (typeof FINDING_STATES)[number],
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    fixedAt: f.fixedAt,
    reopenedAt: f.history.filter((h) => h.status === 'reopened').at(-1)?.at,
    acceptedAt: f.acceptance?.at,
    remediation: f.remediationId,
  }));
export type FindingRecord = z.infer<typeof FindingRecord>;

export const AdvisoryRecord = z
  .object({
    id: z.string(),
    customer,
    vuln: z.string(),
    aliases: z.array(z.string()).default([]),
    title: z.string(),
    summary: z.string().optional(),
    severity: Severity,
    cvss: z.array(z.object({ version: z.string(), score: z.number().optional() })).default([]),
    kev: z.object({ dateAdded: z.string() }).optional(),
    exploitStatus: z.string().optional(),
    affected: z.array(z.object({ asset: z.string(), package: z.string(), installed: z.string(), fixed: z.string().optional() })).default([]),
    remediation: z.string().optional(),
    references: z.array(z.string()).default([]),
    createdAt: isoTime,
  })
  .transform((a) => ({
    id: a.id,
    customer: a.customer,
    title: a.title,
    cves: [a.vuln, ...a.aliases].filter((v, i, all) => v.startsWith('CVE-') && all.indexOf(v) === i),
    severity: a.severity,
    cvss: a.cvss
      .map((c) => c.score)
      .filter((s): s is number => s !== undefined)
      .sort((x, y) => y - x)[0],
    kev: a.kev !== undefined,
    exploit: a.exploitStatus,
    description: a.summary,
    affected: a.affected,
    remediation: a.remediation,
    references: a.references,
    createdAt: a.createdAt,
  }));
export type AdvisoryRecord = z.infer<typeof AdvisoryRecord>;

export const LeakLocationRecord = z.object({
  leakId: z.string(),
  target: z.string().optional(),
  file: z.string(),
  line: z.number().int().optional(),
  commit: z.string().optional(),
  author: z.string().optional(),
  date: z.string().optional(),
});
export type LeakLocationRecord = z.infer<typeof LeakLocationRecord>;

export const LeakRecord = z.object({
  id: z.string(),
  customer,
  provider: z.string(),
  rule: z.string(),
  /** Already masked by the leaks subsystem; the report masks again anyway. */
  masked: z.string(),
  severity: Severity,
  state: z.string().default('open'),
  detectedAt: isoTime,
  first: LeakLocationRecord.omit({ leakId: true }).optional(),
  remediation: z.array(z.string()).default([]),
});
export type LeakRecord = z.infer<typeof LeakRecord> & { locations: Omit<LeakLocationRecord, 'leakId'>[]; cloudActivity?: CloudActivity };
