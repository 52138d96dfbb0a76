import { z } from 'zod';
import { AttackRef } from './attack/attack-ref.js';
import { Severity } from './severity.js';

/** Upper bound on the raw bytes kept per alert: the raw event is evidence, but memory is bounded. */
export const RAW_CAP_BYTES = 16 * 1024;

export const AlertState = z.enum(['new', 'acknowledged', 'in_progress', 'resolved', 'closed']);
export type AlertState = z.infer<typeof AlertState>;

export const Disposition = z.enum(['true_positive', 'benign_true_positive', 'false_positive', 'duplicate']);
export type Disposition = z.infer<typeof Disposition>;

/** Notes are append-only evidence; the caps keep one alert's record bounded. */
export const MAX_NOTE_LENGTH = 4000;
export const MAX_NOTES_PER_ALERT = 200;

export const AlertNote = z.object({ actor: z.string(), at: z.string(), text: z.string().max(MAX_NOTE_LENGTH) });
export type AlertNote = z.infer<typeof AlertNote>;

/** Who last changed an alert through triage, so a stale-revision conflict can name them. */
export const AlertChange = z.object({ actor: z.string(), action: z.string(), at: z.string(), rev: z.number().int() });
export type AlertChange = z.infer<typeof AlertChange>;

export const Alert = z.object({
  id: z.string(),
  fingerprint: z.string(),
  customer: z.string().default('default'),
  source: z.string(),
  product: z.string(),
  ruleId: z.string(),
  title: z.string(),
  severity: Severity,
  rawSeverity: z.union([z.string(), z.number()]).optional(),
  time: z.string(),
  host: z.string().optional(),
  srcIp: z.string().optional(),
  srcPort: z.number().int().optional(),
  dstIp: z.string().optional(),
  dstPort: z.number().int().optional(),
  user: z.string().optional(),
  process: z.string().optional(),
  fileHash: z.string().optional(),
  mitre: z.array(z.string()).default([]),
  /** ATT&CK placements from what the product said or the rule mapping (daemon/attack); absent on rows stored before it existed. */
  attack: z.array(AttackRef).optional(),
  tags: z.array(z.string()).default([]),
  raw: z.string(),
  rawLength: z.number().int().nonnegative(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  count: z.number().int().positive(),
  state: AlertState.default('new'),
  assignee: z.string().optional(),
  rev: z.number().int().nonnegative().default(0),
  // Triage workflow fields (issue 5): written only by src/daemon/triage.
  disposition: Disposition.optional(),
  closeReason: z.string().optional(),
  snoozedUntil: z.string().optional(),
  incidentId: z.string().optional(),
  notes: z.array(AlertNote).optional(),
  lastChange: AlertChange.optional(),
});
export type Alert = z.infer<typeof Alert>;
