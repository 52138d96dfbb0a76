/**
 * Wire schemas for analyst triage (issue 5): workflow actions on alerts, the audit log,
 * suppression rules and saved filters. The protocol module lists the methods; the shapes live
 * here so the daemon, the TUI and the CLI share one definition.
 */
import { z } from 'zod';
import { AlertState, Disposition, MAX_NOTE_LENGTH } from './alert.js';
import { MAX_FILTER_LENGTH } from './filter/index.js';
import { IncidentTypeSchema } from './incident-taxonomy.js';
import { fit } from './text.js';

/** Most alerts one bulk action may carry: a marked page of the queue, bounded per frame. */
export const MAX_BULK = 5000;

/** `rev` is the revision the analyst saw; a newer one on the daemon means a conflict. Omit it to act on whatever is current (scripts). */
export const AlertTarget = z.object({ id: z.string().min(1).max(64), rev: z.number().int().nonnegative().optional() });
export type AlertTarget = z.infer<typeof AlertTarget>;

const Targets = z.object({ targets: z.array(AlertTarget).min(1).max(MAX_BULK) });
const Reason = z.string().trim().min(1).max(MAX_NOTE_LENGTH);

export const ActionParams = {
  'alerts.ack': Targets,
  'alerts.take': Targets,
  'alerts.assign': Targets.extend({ to: z.string().trim().min(1).max(64).describe('user name, or "none" to unassign') }),
  'alerts.start': Targets,
  'alerts.resolve': Targets.extend({ reason: Reason.optional() }),
  'alerts.close': Targets.extend({ disposition: Disposition, reason: Reason.optional() }).refine((p) => p.disposition !== 'false_positive' || p.reason !== undefined, {
    message: 'a false_positive close needs a reason',
    path: ['reason'],
  }),
  'alerts.reopen': Targets.extend({ reason: Reason.optional() }),
  'alerts.snooze': Targets.extend({ until: z.iso.datetime({ offset: true }) }),
  'alerts.note': Targets.extend({ text: Reason }),
  'alerts.escalate': Targets.extend({ title: z.string().trim().min(1).max(200).optional(), type: IncidentTypeSchema.optional() }),
  'alerts.link': Targets.extend({ incident: z.string().min(1).max(64) }),
} as const;
export type ActionMethod = keyof typeof ActionParams;
export const ACTION_METHODS = Object.keys(ActionParams) as ActionMethod[];

export const ActionResult = z.object({
  updated: z.array(z.object({ id: z.string(), rev: z.number().int(), state: AlertState, assignee: z.string().optional() })),
  /** Set by escalate (the new incident) and link (the existing one). */
  incidentId: z.string().optional(),
});
export type ActionResult = z.infer<typeof ActionResult>;

/** What a `conflict` error carries in `details.conflicts`, one per stale target. */
export const ConflictInfo = z.object({ id: z.string(), yourRev: z.number(), rev: z.number(), changedBy: z.string(), changedAt: z.string(), action: z.string() });
export type ConflictInfo = z.infer<typeof ConflictInfo>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.object({
    kind: z.enum([
      'alert',
      'suppression',
      'filter',
      'incident',
      'leak',
      'finding',
      'advisory',
      'quarantine',
      'scan',
      'report',
      'feed',
      'asset',
      'playbook',
      'channel',
      'path',
      'user',
      'method',
      'source',
      'cloud-account',
      'case',
    ]),
    id: z.string(),
  }),
  /** Only the fields the action changed, before and after. */
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  limit: z.number().int().min(1).max(10_000).default(200),
  alertId: z.string().optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
});

export const SuppressionRule = z.object({
  id: z.string(),
  filter: z.string().max(MAX_FILTER_LENGTH),
  reason: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SuppressionRule = z.infer<typeof SuppressionRule>;

export const SuppressionView = SuppressionRule.extend({ expired: z.boolean(), matching: z.number().int() });
export type SuppressionView = z.infer<typeof SuppressionView>;

export const SavedFilter = z.object({ name: z.string(), filter: z.string(), source: z.enum(['config', 'saved']), savedBy: z.string().optional() });
export type SavedFilter = z.infer<typeof SavedFilter>;

export const FilterName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'a filter name is 1-40 letters, digits, _ or -');

/** The audit log's columns as the CLI and the audit view list them, before the change itself. */
const AUDIT_COLUMNS = [
  ['TIME', 19, (e: AuditEntry) => e.at.slice(0, 19).replace('T', ' ')],
  ['ACTOR', 12, (e: AuditEntry) => e.actor],
  ['ACTION', 16, (e: AuditEntry) => e.action],
  ['TARGET', 28, (e: AuditEntry) => `${e.target.kind}:${e.target.id}`],
] as const;

export const AUDIT_HEADER = AUDIT_COLUMNS.map(([title, width]) => fit(title, width)).join(' ') + ' CHANGE';

/** An entry's fixed-width columns, without the change (see describeAuditChange). */
export function auditColumns(e: AuditEntry): string {
  return AUDIT_COLUMNS.map(([, width, cell]) => fit(cell(e), width)).join(' ');
}

/** Before/after as `field: old → new`, the way an analyst reads a change (CLI and audit view). */
export function describeAuditChange(e: Pick<AuditEntry, 'before' | 'after'>): string {
  const keys = [...new Set([...Object.keys(e.before), ...Object.keys(e.after)])];
  return keys.map((k) => `${k}: ${JSON.stringify(e.before[k] ?? null)} → ${JSON.stringify(e.after[k] ?? null)}`).join('; ');
}
