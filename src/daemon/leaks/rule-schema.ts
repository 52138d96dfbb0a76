import { z } from 'zod';
import { Severity } from '../../shared/severity.js';

export const AllowlistSpec = z
  .object({
    /** Regexes over the path relative to the scan root (or the repository root). */
    paths: z.array(z.string()).default([]),
    /** Exact secrets never reported (published documentation keys). */
    values: z.array(z.string()).default([]),
    /** Case-insensitive: placeholders come in any case. */
    valueRegexes: z.array(z.string()).default([]),
    /** Lower-case substrings that mark a secret as a placeholder. */
    stopwords: z.array(z.string()).default([]),
  })
  .strict();
export type AllowlistSpec = z.infer<typeof AllowlistSpec>;

export const CHECKSUMS = ['github-crc32'] as const;

/** Providers whose keys can be checked for being live by one harmless identity call. */
export const VERIFY_PROVIDERS = ['tencent', 'alibaba', 'aws', 'github', 'gitlab', 'slack', 'stripe'] as const;
export type VerifyProvider = (typeof VERIFY_PROVIDERS)[number];

/** How a matched secret is reduced to its canonical form before masking and fingerprinting. */
export const NORMALIZERS = ['pem-body'] as const;

export const RuleSpec = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id'),
    provider: z.string().min(1),
    title: z.string().min(1),
    severity: Severity,
    regex: z.string().min(1),
    flags: z
      .string()
      .regex(/^[ims]*$/, 'only i, m and s')
      .default(''),
    secretGroup: z.number().int().min(1).default(1),
    keywords: z.array(z.string().min(1)).default([]),
    entropy: z.number().min(0).max(8).optional(),
    checksum: z.enum(CHECKSUMS).optional(),
    normalize: z.enum(NORMALIZERS).optional(),
    requires: z
      .object({ rule: z.string(), withinLines: z.number().int().min(0).max(50) })
      .strict()
      .optional(),
    generic: z.boolean().default(false),
    /** Identity call that tells whether the key works; a paired rule verifies with its partner as the id. */
    verify: z.enum(VERIFY_PROVIDERS).optional(),
    allowlist: AllowlistSpec.optional(),
  })
  .strict();
export type RuleSpec = z.infer<typeof RuleSpec>;

export const RuleFile = z
  .object({
    allowlist: AllowlistSpec.default({ paths: [], values: [], valueRegexes: [], stopwords: [] }),
    /** Extra allow-list for the generic (fuzzy) rules only. */
    genericAllowlist: AllowlistSpec.default({ paths: [], values: [], valueRegexes: [], stopwords: [] }),
    rules: z.array(RuleSpec).min(1),
  })
  .strict();
