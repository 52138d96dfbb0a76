import type { LeakItem, LeakVerification } from '../../../shared/leak.js';
import type { VerifyProvider } from '../rule-schema.js';
import type { RuleSet } from '../rules.js';
import type { DetectedSecret } from '../scan-text.js';
import { verifyAlibaba, verifyAws, verifyTencent } from './cloud-verifiers.js';
import { verifyGithub, verifyGitlab, verifySlack, verifyStripe } from './token-verifiers.js';
import { DEFAULT_ENDPOINTS, VERIFY_METHODS, type Verifier } from './verify-types.js';

const VERIFIERS: Record<VerifyProvider, Verifier> = {
  tencent: verifyTencent,
  alibaba: verifyAlibaba,
  aws: verifyAws,
  github: verifyGithub,
  gitlab: verifyGitlab,
  slack: verifySlack,
  stripe: verifyStripe,
};

export interface VerifySettings {
  endpoints: Partial<Record<VerifyProvider, string>>;
  timeoutMs: number;
  /** A revoked or unknown key seen again is checked again after this long. */
  recheckMs: number;
}

/** Whether a key with this record is due for a check now. A live key has paged already. */
export function dueForCheck(v: LeakVerification | undefined, now: number, recheckMs: number): boolean {
  if (!v) return true;
  if (v.status === 'live') return false;
  return now - Date.parse(v.checkedAt) >= recheckMs;
}

/**
 * Checks every verifiable key among the detections once, with one identity call each, and
 * returns the results by fingerprint; a key pair's result is given to both halves. The clear
 * keys come from `revealed` (filled by the scan of this run) and are dropped with it.
 */
export async function verifyDetections(
  detected: readonly DetectedSecret[],
  revealed: ReadonlyMap<string, string>,
  ruleSet: RuleSet,
  settings: VerifySettings,
  due: (fingerprint: string) => boolean,
  now: () => string,
  signal?: AbortSignal,
): Promise<Map<string, LeakVerification>> {
  const out = new Map<string, LeakVerification>();
  for (const d of detected) {
    const provider = ruleSet.byId.get(d.rule)?.verify;
    const secret = revealed.get(d.fingerprint);
    if (!provider || !secret || out.has(d.fingerprint) || !due(d.fingerprint)) continue;
    signal?.throwIfAborted();
    const id = d.pairedWith ? revealed.get(d.pairedWith) : undefined;
    const outcome = await VERIFIERS[provider](
      { secret, ...(id ? { id } : {}) },
      { base: settings.endpoints[provider] ?? DEFAULT_ENDPOINTS[provider], timeoutMs: settings.timeoutMs, ...(signal ? { signal } : {}) },
    );
    const result: LeakVerification = { ...outcome, checkedAt: now(), method: VERIFY_METHODS[provider] };
    out.set(d.fingerprint, result);
    if (d.pairedWith) out.set(d.pairedWith, result);
  }
  return out;
}

/** The leak with a new check result; `liveSince` marks when it was first seen working. */
export function withVerification(leak: LeakItem, v: LeakVerification): LeakItem {
  const wasLive = leak.verification?.status === 'live';
  const liveSince = v.status === 'live' ? (wasLive ? leak.verification?.liveSince : v.checkedAt) : undefined;
  return { ...leak, verification: { ...v, ...(liveSince ? { liveSince } : {}) } };
}
