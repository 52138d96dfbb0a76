import { z } from 'zod';
import { CloudActivity } from './cloud.js';
import { Severity } from './severity.js';

/** Where a secret was seen. Carries the masked form only: the clear secret never leaves the scanner. */
export const LeakFinding = z.object({
  id: z.string(),
  leakId: z.string(),
  rule: z.string(),
  provider: z.string(),
  title: z.string(),
  severity: Severity,
  /** The scanned folder or repository. */
  target: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  commit: z.string().optional(),
  author: z.string().optional(),
  date: z.string().optional(),
  /** Public web address of the line, for a hit on a code host (GitHub, Gitee, GitLab). */
  url: z.string().optional(),
  masked: z.string(),
  length: z.number().int(),
  fingerprint: z.string(),
  /** `low` when a fuzzy (generic) rule found it rather than the provider's own format. */
  confidence: z.enum(['high', 'low']),
  /** Fingerprint of the key this one was paired with (SecretKey next to its SecretId). */
  pairedWith: z.string().optional(),
  foundAt: z.string(),
});
export type LeakFinding = z.infer<typeof LeakFinding>;

export const LEAK_STATES = ['open', 'rotated', 'false_positive'] as const;

export const VERIFICATION_STATUSES = ['live', 'revoked', 'unknown'] as const;

/** The result of one harmless identity call made with the key; the key itself is not kept. */
export const LeakVerification = z.object({
  status: z.enum(VERIFICATION_STATUSES),
  checkedAt: z.string(),
  /** Provider and endpoint asked, e.g. `aws sts GetCallerIdentity`. */
  method: z.string(),
  /** The account, user or workspace the key belongs to, when live. */
  account: z.string().optional(),
  /** Why `unknown` (network error, rate limit, no partner key found) or what `revoked` looked like. */
  detail: z.string().optional(),
  /** When it was first seen live: a live key pages on-call once. */
  liveSince: z.string().optional(),
});
export type LeakVerification = z.infer<typeof LeakVerification>;

/** One distinct leaked key (by fingerprint), however many places it was found in. */
export const LeakItem = z.object({
  id: z.string(),
  customer: z.string(),
  fingerprint: z.string(),
  provider: z.string(),
  rule: z.string(),
  title: z.string(),
  masked: z.string(),
  length: z.number().int(),
  severity: Severity,
  state: z.enum(LEAK_STATES),
  detectedAt: z.string(),
  lastSeenAt: z.string(),
  /** Answer-by budget in business minutes; the SLA module keeps the clock. */
  slaBusinessMinutes: z.number().int(),
  locations: z.number().int(),
  first: z.object({ target: z.string(), file: z.string(), line: z.number().int(), commit: z.string().optional(), url: z.string().optional() }),
  pairedWith: z.string().optional(),
  remediation: z.array(z.string()),
  /** Whether the key still works (opt-in `leaks.verify`); absent when never checked. */
  verification: LeakVerification.optional(),
  /** Analyst state changes, newest last (bounded). */
  history: z.array(z.object({ at: z.string(), actor: z.string(), state: z.enum(LEAK_STATES), note: z.string().optional() })),
});
export type LeakItem = z.infer<typeof LeakItem>;

/** The CLI's JSON contract for `socdeck leaks scan --json`, one object per finding. */
export interface LeakScanRow {
  rule: string;
  provider: string;
  file: string;
  line: number;
  commit?: string;
  masked: string;
  fingerprint: string;
}

export const LeakScanSummary = z.object({
  target: z.string(),
  kind: z.enum(['path', 'git']),
  filesScanned: z.number().int(),
  bytesScanned: z.number().int(),
  commitsScanned: z.number().int(),
  findings: z.number().int(),
  newLeaks: z.number().int(),
  suppressed: z.object({ allowlist: z.number().int(), inline: z.number().int(), baseline: z.number().int() }),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type LeakScanSummary = z.infer<typeof LeakScanSummary>;

/** Plain data for the 《泄露事件报告》 (Leak Incident Report); the reports module renders it. */
export const LeakIncidentReport = z.object({
  kind: z.literal('leak-incident'),
  title: z.string(),
  customer: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  leak: LeakItem,
  /** The key this one pairs with (a SecretId for a SecretKey), when known. */
  paired: LeakItem.optional(),
  locations: z.array(LeakFinding.omit({ id: true, leakId: true })),
  locationsTotal: z.number().int(),
  summary: z.string(),
  remediation: z.array(z.string()),
  /** A Tencent SecretId's calls in the account's CloudAudit trail (issue 18's leak pivot). */
  cloudActivity: CloudActivity.optional(),
});
export type LeakIncidentReport = z.infer<typeof LeakIncidentReport>;
