import { createHash } from 'node:crypto';

/** What socdeck keeps of a secret: enough to recognise and discuss it, never enough to use it. */
export interface MaskedSecret {
  provider: string;
  /** First and last characters with the middle elided, e.g. `AKIA…MPLE`. */
  masked: string;
  length: number;
  /** `sha256:<hex>` of the clear secret, so the same key is recognised in every place it leaked. */
  fingerprint: string;
}

const ELLIPSIS = '…';

export function fingerprintSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/**
 * Keeps at most 4 characters at each end, and never more than a quarter of the secret on
 * each side: a 10-character password must not be readable from its mask.
 */
export function maskValue(secret: string): string {
  const keep = Math.min(4, Math.floor(secret.length / 4));
  if (keep === 0) return ELLIPSIS;
  return `${secret.slice(0, keep)}${ELLIPSIS}${secret.slice(-keep)}`;
}

export function maskSecret(secret: string, provider: string): MaskedSecret {
  return { provider, masked: maskValue(secret), length: secret.length, fingerprint: fingerprintSecret(secret) };
}

/** Short form of a fingerprint for tables and ids. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.replace(/^sha256:/, '').slice(0, 16);
}

/**
 * Replaces every occurrence of the given clear secrets in free text (log lines, error
 * messages from tools that echo their input) with their masks.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join(maskValue(s));
  return out;
}
