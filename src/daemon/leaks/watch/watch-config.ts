import { z } from 'zod';
import { VERIFY_PROVIDERS, type VerifyProvider } from '../rule-schema.js';

/** Config secrets come from the environment or a 0600 file, never inline in the YAML. */
export const SecretRef = z.string().refine((s) => /^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/.+)$/.test(s), 'takes env:NAME or file:/absolute/path; inline secrets are refused');

const Common = {
  customer: z.string().min(1),
  /** Names the watcher in logs, its cursor and its scheduler job; defaults to `<customer>-<kind>-<index>`. */
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, . _ -')
    .optional(),
  /** Cron (Asia/Shanghai); defaults to `leaks.schedule`. */
  schedule: z.string().optional(),
};

export const GithubSearchWatch = z
  .object({
    kind: z.literal('github-search'),
    ...Common,
    /** The customer's markers: domains, internal host names, project and bucket names, AKID prefixes. */
    queries: z.array(z.string().min(3)).min(1).max(50),
    token: SecretRef,
    /** GitHub Enterprise: `https://host/api/v3`. */
    apiUrl: z.string().url().default('https://api.github.com'),
    /** Result pages read per query and run (GitHub returns at most 1,000 results a query). */
    maxPages: z.number().int().min(1).max(10).default(3),
    perPage: z.number().int().min(1).max(100).default(100),
  })
  .strict();
export type GithubSearchWatch = z.infer<typeof GithubSearchWatch>;

/** Any git URLs (self-hosted GitLab, Gitea, a customer's mirror): new commits scanned, history included. */
export const GitRemotesWatch = z
  .object({
    kind: z.literal('git-remotes'),
    ...Common,
    urls: z.array(z.string().url()).min(1).max(500),
    /** Web address of a file at a commit, for the leak item: `{repo}`, `{commit}`, `{path}`. */
    webUrl: z.string().optional(),
  })
  .strict();
export type GitRemotesWatch = z.infer<typeof GitRemotesWatch>;

/** Every public repository of the customer's organisations on a code host (and, opt-in, their members'). */
const orgWatch = <K extends string>(kind: K, apiUrl: string) =>
  z
    .object({
      kind: z.literal(kind),
      ...Common,
      orgs: z.array(z.string().min(1)).min(1).max(50),
      includeMembers: z.boolean().default(false),
      token: SecretRef.optional(),
      apiUrl: z.string().url().default(apiUrl),
    })
    .strict();

export const GithubOrgWatch = orgWatch('github-org', 'https://api.github.com');
export type GithubOrgWatch = z.infer<typeof GithubOrgWatch>;
/** Gitee's v5 API; the token goes as `access_token`. */
export const GiteeOrgWatch = orgWatch('gitee-org', 'https://gitee.com/api/v5');
export type GiteeOrgWatch = z.infer<typeof GiteeOrgWatch>;

export const WatchSpec = z.discriminatedUnion('kind', [GithubSearchWatch, GitRemotesWatch, GithubOrgWatch, GiteeOrgWatch]);
export type WatchSpec = z.infer<typeof WatchSpec>;

/** Base URLs of each provider's identity endpoint: private endpoints, GitHub Enterprise, tests. */
export const VerifyEndpoints = z
  .object(Object.fromEntries(VERIFY_PROVIDERS.map((p) => [p, z.string().url().optional()])) as Record<VerifyProvider, z.ZodOptional<z.ZodString>>)
  .strict()
  .default({});
export type VerifyEndpoints = z.infer<typeof VerifyEndpoints>;

export const WatchSettings = {
  watch: z.array(WatchSpec).max(200).default([]),
  /** Live-key verification: off, on for every customer, or on for the customers listed. */
  verify: z.union([z.boolean(), z.array(z.string().min(1))]).default(false),
  verifyEndpoints: VerifyEndpoints,
  verifyTimeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  /** A revoked or unknown key seen again is checked again after this long. */
  verifyRecheckMinutes: z.number().int().min(0).max(525_600).default(60),
  /** Per request to a code host's API. */
  watchTimeoutMs: z.number().int().min(100).max(120_000).default(30_000),
  /** Longest rate-limit wait inside one watcher run; longer, the run stops and the next one resumes. */
  rateLimitMaxWaitSeconds: z.number().int().min(0).max(3600).default(120),
};

export function watcherName(w: WatchSpec, index: number): string {
  return w.name ?? `${w.customer}-${w.kind}-${index}`;
}

export function verifiesFor(verify: boolean | string[], customer: string): boolean {
  return verify === true || (Array.isArray(verify) && verify.includes(customer));
}
