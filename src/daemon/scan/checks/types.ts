import type { OpenPort } from '../../../shared/scan.js';
import type { Severity } from '../../../shared/severity.js';

export interface CheckContext {
  target: OpenPort;
  timeoutMs: number;
  /** Wall-clock milliseconds, from the daemon clock so certificate expiry is testable. */
  now: number;
  /** Responses already fetched for this port during this run, so checks share one GET /. */
  cache: Map<string, Promise<unknown>>;
}

export interface CheckHit {
  evidence: string;
  /** For web checks: the URL that showed the problem (part of the finding id). */
  url?: string;
}

/**
 * A check that could not decide (its tool is missing, the service did not get far enough):
 * the run reports why, and a finding it raised before stays as it is instead of being closed.
 */
export interface CheckSkipped {
  skipped: string;
}

export type CheckOutcome = CheckHit[] | CheckSkipped;

/** One risk check: a small module with an id, a severity, evidence, and a remediation plan id. */
export interface ServiceCheck {
  id: string;
  title: string;
  severity: Severity;
  remediationId: string;
  appliesTo(p: OpenPort): boolean;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export const isHttp = (p: OpenPort) => p.service === 'http' || p.service === 'https';
export const baseUrl = (p: OpenPort) => `${p.service === 'https' ? 'https' : 'http'}://${p.host}:${p.port}`;
