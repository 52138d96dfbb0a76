import type { VerifyProvider } from '../rule-schema.js';

/** A key to check, in clear, held in memory for one identity call and then dropped. */
export interface Credential {
  /** The id half of a key pair (SecretId, AccessKey ID), when the provider needs one. */
  id?: string;
  secret: string;
}

export interface VerifyOutcome {
  status: 'live' | 'revoked' | 'unknown';
  /** Account, user or workspace the key belongs to (live keys). */
  account?: string;
  /** Why revoked or unknown, in the provider's words (error code), never the key. */
  detail?: string;
}

export interface VerifyContext {
  /** The provider's base URL (default or `leaks.verifyEndpoints`). */
  base: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type Verifier = (cred: Credential, ctx: VerifyContext) => Promise<VerifyOutcome>;

/** Public endpoints; `leaks.verifyEndpoints` overrides any of them. */
export const DEFAULT_ENDPOINTS: Record<VerifyProvider, string> = {
  tencent: 'https://sts.tencentcloudapi.com',
  alibaba: 'https://sts.aliyuncs.com',
  aws: 'https://sts.amazonaws.com',
  github: 'https://api.github.com',
  gitlab: 'https://gitlab.com',
  slack: 'https://slack.com',
  stripe: 'https://api.stripe.com',
};

/** What each check asks, for the leak record and the report. */
export const VERIFY_METHODS: Record<VerifyProvider, string> = {
  tencent: 'Tencent Cloud STS GetCallerIdentity',
  alibaba: 'Alibaba Cloud STS GetCallerIdentity',
  aws: 'AWS STS GetCallerIdentity',
  github: 'GitHub GET /user',
  gitlab: 'GitLab GET /api/v4/user',
  slack: 'Slack auth.test',
  stripe: 'Stripe GET /v1/balance',
};

/** A network failure or a timeout says nothing about the key. */
export function unreachable(err: unknown): VerifyOutcome {
  const code = (err as { code?: unknown }).code;
  return { status: 'unknown', detail: typeof code === 'string' ? code : err instanceof Error ? err.name : 'error' };
}
