/**
 * The wire protocol between the daemon and its clients (TUI, CLI). Both sides import this one
 * module, so a method or event changes in exactly one place.
 *
 * Frames are JSON text, one envelope each. The first request on a connection must be `hello`;
 * the daemon answers with the `welcome` result. Methods are `noun.verb`, events are past tense.
 */
import { z } from 'zod';
import { Alert } from './alert.js';
import { ERROR_CODES } from './errors.js';
import { Severity } from './severity.js';
import { LEAK_STATES, LeakFinding, LeakIncidentReport, LeakItem, LeakScanSummary } from './leak.js';
import { PageParam, PageResult } from './paging.js';
import { Finding, FindingQuery, ScanProgressed, ScanRun } from './scan.js';
import { ActionParams, ActionResult, AuditEntry, AuditQuery, FilterName, SavedFilter, SuppressionView } from './triage.js';
import { NotifyOutboxView } from './calendar/notify-outbox-view.js';
import { SlaBreach, SlaClockInfo, SlaPhase } from './calendar/sla-clock-info.js';
import { INCIDENT_METHODS } from './incident.js';
import { PLAYBOOK_METHODS } from './playbook.js';
import { REPORT_METHODS } from './report.js';
import { INTEL_METHODS } from './intel-methods.js';
import { CASE_METHODS } from './case.js';
import { USER_METHODS } from './user-methods.js';
import { CLOUD_METHODS } from './cloud.js';

/** 2: alert subscriptions carry a filter; snapshots and deltas carry matched/hidden counts and clock facts. */
export const PROTOCOL_VERSION = 2;
/** Frames above this size are refused with `frame_too_large` without being parsed. */
export const MAX_FRAME_BYTES = 1024 * 1024;

const RequestId = z.union([z.string().max(64), z.number().int()]);

export const ErrorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Envelope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('req'), id: RequestId, method: z.string().max(64), params: z.unknown().optional() }),
  z.object({ type: z.literal('res'), id: RequestId, result: z.unknown() }),
  z.object({ type: z.literal('err'), id: RequestId.nullable(), error: ErrorBody }),
  z.object({ type: z.literal('evt'), event: z.string().max(64), params: z.unknown() }),
]);
export type Envelope = z.infer<typeof Envelope>;

const SeverityCounts = z.object({ info: z.number(), low: z.number(), medium: z.number(), high: z.number(), critical: z.number() });

/** What a subscription's snapshot and deltas say about the queue beyond the rows they carry. */
export const QueueCounts = z.object({
  /** Every alert in the store. */
  total: z.number(),
  /** Alerts matching the subscription, of which the snapshot carries the most urgent. */
  matched: z.number(),
  /** Alerts matching the subscription that are hidden: by a live suppression rule, or snoozed. */
  hidden: z.object({ suppressed: z.number(), snoozed: z.number() }),
});
export type QueueCounts = z.infer<typeof QueueCounts>;

/**
 * An alert's SLA clock as far as the queue order needs it (ClockFacts in alert-order.ts), sent
 * with the alerts so the TUI orders rows by exactly what the daemon chose them by.
 */
export const QueueClock = z.object({ phase: SlaPhase, paused: z.boolean(), breached: z.boolean(), dueAt: z.string() });
/** By alert id; alerts without a clock are left out. */
const QueueClocks = z.record(z.string(), QueueClock);

export const AlertQuery = z.object({
  limit: z.number().int().min(1).max(10_000).default(500),
  minSeverity: Severity.optional(),
  state: z.array(z.string()).optional(),
  customer: z.string().optional(),
});

export const SourceStatus = z.object({
  name: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'idle', 'error', 'stopped']),
  ingested: z.number(),
  lastError: z.string().optional(),
  /** Sigma sources: rule files skipped because they failed lint, as file:line:col: message. */
  ruleErrors: z.array(z.string()).optional(),
  /** Sigma sources with `sigma.git`: the rules folder's commit the loaded rules are recorded in. */
  rulesCommit: z.string().optional(),
});

/** A daemon on the postgres store backend: the members sharing its database (README "Running a cluster"). */
export const ClusterStatus = z.object({
  member: z.string(),
  leader: z.boolean(),
  /** Seq of the newest journal row in the database, and of the last one this member applied. */
  head: z.number(),
  applied: z.number(),
  database: z.object({ ok: z.boolean(), error: z.string().optional(), checkedAt: z.string().optional() }),
  members: z.array(z.object({ id: z.string(), host: z.string(), pid: z.number(), url: z.string(), leader: z.boolean(), lag: z.number(), lastSeenSeconds: z.number() })),
});
export type ClusterStatus = z.infer<typeof ClusterStatus>;

export const DaemonStatus = z.object({
  version: z.string(),
  protocolVersion: z.number(),
  pid: z.number(),
  startedAt: z.string(),
  dataDir: z.string(),
  clients: z.number(),
  alerts: z.object({ total: z.number(), bySeverity: SeverityCounts }),
  sources: z.array(SourceStatus),
  modules: z.array(z.object({ name: z.string(), state: z.string() })),
  store: z.enum(['json', 'postgres']).optional(),
  cluster: ClusterStatus.optional(),
});
export type DaemonStatus = z.infer<typeof DaemonStatus>;

/** A record intake could not parse or validate, kept with its evidence until re-ingested. */
export const QuarantineEntry = z.object({
  id: z.string(),
  source: z.string(),
  /** Where it came from: `file:line`, `webhook:<index>`, `syslog-tcp:<peer>`, ... */
  origin: z.string().optional(),
  /** Byte offset in the source file, for file sources. */
  offset: z.number().optional(),
  /** The format the source asked for (`auto` unless configured). */
  format: z.string(),
  reason: z.string(),
  /** The original bytes as text, cut at the quarantine cap. */
  raw: z.string(),
  /** Length in bytes of the original record; larger than raw's when it was cut. */
  rawLength: z.number().int().nonnegative(),
  /** The record's full bytes, in the data dir's quarantine folder, when raw is cut or lossy (see quarantine.raw). */
  rawFile: z.string().optional(),
  /** Why the full bytes were not kept (the spill store was full). */
  rawFileError: z.string().optional(),
  at: z.string(),
  attempts: z.number().int().nonnegative(),
  lastAttemptBy: z.string().optional(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

/** Every request method: its params and its result. */
export const Methods = {
  hello: {
    params: z.object({
      protocolVersion: z.number().int(),
      client: z.string().max(64),
      actor: z.string().min(1).max(64),
    }),
    result: z.object({
      protocolVersion: z.number().int(),
      daemonVersion: z.string(),
      sessionId: z.string(),
      capabilities: z.array(z.string()),
    }),
  },
  'daemon.status': { params: z.object({}).optional(), result: DaemonStatus },
  'alerts.list': {
    /** `filter` is the filter language (src/shared/filter); suppressed alerts are left out and counted unless asked for. */
    params: AlertQuery.extend({ filter: z.string().max(1000).optional(), includeSuppressed: z.boolean().optional(), page: PageParam.optional() }).optional(),
    result: z.object({ alerts: z.array(Alert), total: z.number(), suppressed: z.number().optional(), ...PageResult }),
  },
  'alerts.get': { params: z.object({ id: z.string() }), result: Alert },
  /**
   * The live queue: a snapshot of the `limit` (at most the daemon's snapshotLimit) most urgent
   * alerts matching the query and `filter`, in queue order, then `alerts.changed` deltas with
   * only what matches. `assignee:me` is the hello actor. Suppressed and snoozed alerts are left
   * out and counted (`is:snoozed` asks for snoozed ones).
   */
  'alerts.subscribe': {
    params: AlertQuery.extend({ limit: z.number().int().min(1).max(10_000).optional(), filter: z.string().max(1000).optional() }).optional(),
    result: z.object({ subscription: z.string(), seq: z.number(), alerts: z.array(Alert), clocks: QueueClocks, ...QueueCounts.shape }),
  },
  'alerts.unsubscribe': { params: z.object({ subscription: z.string() }), result: z.object({ ok: z.literal(true) }) },
  /** Durable ingest: answered only after the journal fsync, so an ack means the alert survives kill -9. */
  'alerts.ingest': {
    params: z.object({ source: z.string().min(1).max(64), records: z.array(z.unknown()).min(1).max(5000) }),
    result: z.object({
      accepted: z.number(),
      alertIds: z.array(z.string()),
      rejected: z.array(z.object({ index: z.number(), reason: z.string() })),
    }),
  },
  // Triage (issue 5): every action takes `targets: [{id, rev}]`, so one call is one journalled batch.
  ...(Object.fromEntries(Object.entries(ActionParams).map(([m, params]) => [m, { params, result: ActionResult }])) as {
    [M in keyof typeof ActionParams]: { params: (typeof ActionParams)[M]; result: typeof ActionResult };
  }),
  'audit.list': { params: AuditQuery.extend({ page: PageParam.optional() }).optional(), result: z.object({ entries: z.array(AuditEntry), total: z.number(), ...PageResult }) },
  'suppressions.add': {
    params: z.object({ filter: z.string().min(1).max(1000), reason: z.string().trim().min(1).max(500), until: z.iso.datetime({ offset: true }) }),
    result: SuppressionView,
  },
  'suppressions.list': { params: z.object({}).optional(), result: z.object({ rules: z.array(SuppressionView) }) },
  'suppressions.remove': { params: z.object({ id: z.string() }), result: z.object({ ok: z.literal(true) }) },
  'filters.list': { params: z.object({}).optional(), result: z.object({ filters: z.array(SavedFilter) }) },
  'filters.save': { params: z.object({ name: FilterName, filter: z.string().max(1000) }), result: SavedFilter },
  'quarantine.list': {
    params: z.object({ limit: z.number().int().min(1).max(10_000).default(500), source: z.string().optional() }).optional(),
    result: z.object({ entries: z.array(QuarantineEntry), total: z.number() }),
  },
  /** One quarantined record's full original bytes (base64), from its spill file or its inline text. */
  'quarantine.raw': {
    params: z.object({ id: z.string().min(1) }),
    result: z.object({ id: z.string(), rawLength: z.number().int().nonnegative(), complete: z.boolean(), base64: z.string() }),
  },
  /** Parses quarantined records again (e.g. after a mapping was fixed); successes leave quarantine. */
  'quarantine.reingest': {
    params: z.object({ ids: z.array(z.string()).min(1).max(5000), format: z.string().max(32).optional() }),
    result: z.object({
      reingested: z.array(z.object({ id: z.string(), alertId: z.string() })),
      failed: z.array(z.object({ id: z.string(), reason: z.string() })),
    }),
  },
  // Risk detection and hardening (issue 7).
  /** Scope-checked before anything is sent; `wait` answers when the run ends instead of when it starts. */
  'scan.run': {
    params: z.object({
      targets: z.array(z.string().min(1).max(256)).max(256).optional(),
      asset: z.string().optional(),
      ports: z.string().max(2000).optional(),
      checks: z.boolean().optional(),
      wait: z.boolean().optional(),
    }),
    result: ScanRun,
  },
  'scan.list': { params: z.object({ limit: z.number().int().min(1).max(10_000).default(100) }).optional(), result: z.object({ scans: z.array(ScanRun), total: z.number() }) },
  'scan.get': { params: z.object({ id: z.string() }), result: ScanRun },
  'scan.cancel': { params: z.object({ id: z.string() }), result: z.object({ ok: z.literal(true) }) },
  'findings.list': { params: FindingQuery.extend({ page: PageParam.optional() }).optional(), result: z.object({ findings: z.array(Finding), total: z.number(), ...PageResult }) },
  'finding.get': { params: z.object({ id: z.string() }), result: Finding },
  /** Risk acceptance: who (session actor), why, until when; an expired acceptance reopens the finding. */
  'finding.accept': { params: z.object({ id: z.string(), reason: z.string().trim().min(1).max(500), until: z.iso.datetime({ offset: true }) }), result: Finding },
  /** Rescans just this finding's host, port and check: fixed when gone, reopened when back. */
  'finding.verify': { params: z.object({ id: z.string() }), result: z.object({ finding: Finding, scan: ScanRun }) },
  'finding.plan': { params: z.object({ id: z.string(), lang: z.enum(['en', 'zh-CN']).default('en') }), result: z.object({ markdown: z.string() }) },
  /** Imports an engine report (nmap XML or nuclei JSONL text) as findings. */
  'scan.import': {
    params: z.object({ engine: z.enum(['nmap', 'nuclei']), name: z.string().max(256), content: z.string().max(900_000) }),
    result: z.object({ findings: z.array(z.string()), new: z.array(z.string()), reopened: z.array(z.string()), errors: z.array(z.string()) }),
  },
  // SLA clocks (issue 6): running clocks soonest first, one item's clock, recorded breaches.
  'sla.list': {
    params: z
      .object({
        kind: z.string().max(32).optional(),
        customer: z.string().max(64).optional(),
        /** Only the clocks of these item ids (e.g. the alert queue's visible rows). */
        ids: z.array(z.string()).max(5000).optional(),
        includeDone: z.boolean().optional(),
        limit: z.number().int().min(1).max(10_000).default(500),
      })
      .optional(),
    result: z.object({ clocks: z.array(SlaClockInfo), total: z.number() }),
  },
  'sla.get': { params: z.object({ kind: z.string().max(32), id: z.string().max(128) }), result: SlaClockInfo },
  'sla.breaches': {
    params: z.object({ customer: z.string().max(64).optional(), since: z.string().optional(), limit: z.number().int().min(1).max(10_000).default(500) }).optional(),
    result: z.object({ breaches: z.array(SlaBreach), total: z.number() }),
  },
  // Notification channels (issue 6).
  'notify.outbox': {
    params: z.object({ state: z.enum(['pending', 'sent', 'failed']).optional(), limit: z.number().int().min(1).max(10_000).default(200) }).optional(),
    result: z.object({ entries: z.array(NotifyOutboxView), total: z.number(), failed: z.number() }),
  },
  /** Sends a test message on one channel now (not through the outbox) and reports the outcome. */
  'notify.test': {
    params: z.object({ channel: z.string().min(1).max(64), lang: z.enum(['zh-CN', 'en']).optional() }),
    result: z.object({ channel: z.string(), type: z.string(), ok: z.boolean(), status: z.number().optional(), error: z.string().optional(), warning: z.string().optional() }),
  },
  // Key-leak monitoring (issue 9). Every leak carries masked data only.
  'leaks.list': {
    params: z
      .object({ customer: z.string().max(64).optional(), state: z.enum(LEAK_STATES).optional(), limit: z.number().int().min(1).max(10_000).default(500), page: PageParam.optional() })
      .optional(),
    result: z.object({ leaks: z.array(LeakItem), total: z.number(), ...PageResult }),
  },
  'leaks.get': { params: z.object({ id: z.string().max(128) }), result: z.object({ leak: LeakItem, findings: z.array(LeakFinding) }) },
  /** Scans paths (or git repositories with `git`) on the daemon host now; attributed to the session actor. */
  'leaks.scan': {
    params: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(50), git: z.boolean().default(false), customer: z.string().max(64).default('default') }),
    result: z.object({ scans: z.array(LeakScanSummary) }),
  },
  /** Marks a leak rotated (the key is revoked) or a false positive; attributed and kept in the leak's history. */
  'leaks.setState': {
    params: z.object({ id: z.string().max(128), state: z.enum(LEAK_STATES), note: z.string().trim().max(500).optional() }),
    result: LeakItem,
  },
  /** Leak Incident Report data (masked) for the reports module to render and publish. */
  'leaks.report': { params: z.object({ id: z.string().max(128) }), result: LeakIncidentReport },
  // Incident response (issue 10): shapes live in incident.ts / playbook.ts.
  ...PLAYBOOK_METHODS,
  ...INCIDENT_METHODS,
  // Deliverables (issue 11): shapes live in report.ts.
  ...REPORT_METHODS,
  // Vulnerability intel (issue 8): shapes live in intel.ts / intel-methods.ts.
  ...INTEL_METHODS,
  ...CASE_METHODS,
  // Users, roles and customers (issue 19): shapes live in user-methods.ts.
  ...USER_METHODS,
  // Cloud accounts (issue 18): shapes live in cloud.ts.
  ...CLOUD_METHODS,
} as const;
export type MethodName = keyof typeof Methods;
export type MethodParams<M extends MethodName> = z.input<(typeof Methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof Methods)[M]['result']>;

/** Every server event and its params. */
export const Events = {
  /** `upserts` are alerts that match (new to the subscriber or changed); `removed` stopped matching or were hidden. */
  'alerts.changed': z.object({
    subscription: z.string(),
    seq: z.number().int(),
    upserts: z.array(Alert),
    removed: z.array(z.string()),
    /** Clocks of the upserts that have one; an upsert left out here keeps the clock the client had. */
    clocks: QueueClocks,
    ...QueueCounts.shape,
  }),
  /** The daemon dropped deltas for this subscription (slow client or overflow): subscribe again. */
  'subscription.reset': z.object({ subscription: z.string(), reason: z.string() }),
  'daemon.stopping': z.object({ reason: z.string() }),
  'scan.progressed': ScanProgressed,
} as const;
export type EventName = keyof typeof Events;
export type EventParams<E extends EventName> = z.infer<(typeof Events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(Methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(Events, name);
}

export function encodeRequest(id: string | number, method: MethodName, params?: unknown): string {
  return JSON.stringify({ type: 'req', id, method, params });
}
