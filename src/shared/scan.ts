/** Scan runs and findings as they cross the wire: shared by the daemon, the CLI and the TUI. */
import { z } from 'zod';
import { Severity } from './severity.js';

export const OpenPort = z.object({
  host: z.string(),
  port: z.number().int(),
  service: z.string(),
  product: z.string().optional(),
  version: z.string().optional(),
  banner: z.string().optional(),
});
export type OpenPort = z.infer<typeof OpenPort>;

export const ScanProgress = z.object({
  done: z.number().int(),
  total: z.number().int(),
  open: z.number().int(),
  /** Estimated milliseconds left, from the completion rate so far. */
  etaMs: z.number().int(),
});
export type ScanProgress = z.infer<typeof ScanProgress>;

export const SCAN_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export const ScanState = z.enum(SCAN_STATES);

export const ScanRun = z.object({
  id: z.string(),
  kind: z.enum(['ports', 'full', 'verify', 'import']),
  customer: z.string(),
  actor: z.string(),
  targets: z.array(z.string()),
  ports: z.string(),
  state: ScanState,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  progress: ScanProgress,
  open: z.array(OpenPort),
  /** Addresses inside a target CIDR that scope.deny removed, with the rule. */
  skipped: z.array(z.object({ target: z.string(), rule: z.string() })),
  /** Checks that applied to an open port but could not decide (a missing tool, no answer), with why. */
  checksSkipped: z.array(z.object({ host: z.string(), port: z.number().int(), checkId: z.string(), reason: z.string() })).optional(),
  findings: z.object({ seen: z.array(z.string()), new: z.array(z.string()), fixed: z.array(z.string()), reopened: z.array(z.string()) }),
  error: z.string().optional(),
});
export type ScanRun = z.infer<typeof ScanRun>;

export const FINDING_STATUSES = ['new', 'confirmed', 'accepted', 'fixed', 'reopened'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const Finding = z.object({
  id: z.string(),
  customer: z.string(),
  asset: z.string(),
  host: z.string(),
  port: z.number().int().optional(),
  url: z.string().optional(),
  checkId: z.string(),
  title: z.string(),
  severity: Severity,
  evidence: z.string(),
  remediationId: z.string(),
  /** Where the finding came from: our own checks or an imported engine report. */
  source: z.enum(['socdeck', 'nmap', 'nuclei']),
  status: FindingStatus,
  firstSeen: z.string(),
  lastSeen: z.string(),
  seenCount: z.number().int(),
  fixedAt: z.string().optional(),
  acceptance: z.object({ by: z.string(), reason: z.string(), at: z.string(), until: z.string() }).optional(),
  history: z.array(z.object({ at: z.string(), status: FindingStatus, by: z.string(), note: z.string() })),
});
export type Finding = z.infer<typeof Finding>;

export const FindingQuery = z.object({
  status: z.array(FindingStatus).optional(),
  host: z.string().optional(),
  customer: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(500),
});

/** Streamed while a scan runs (throttled), and once more when it ends. */
export const ScanProgressed = z.object({ scanId: z.string(), state: ScanState, progress: ScanProgress });
export type ScanProgressed = z.infer<typeof ScanProgressed>;
