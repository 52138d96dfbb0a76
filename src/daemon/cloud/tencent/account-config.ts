import { z } from 'zod';

/** A secret is a reference, never the value: the config file is shared, read and committed. */
const SecretRef = z.string().regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/.+)$/, 'must be env:NAME or file:/absolute/path (mode 0600); inline secrets are refused');

export const TencentAccountConfig = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, ., - and _'),
    customer: z.string().min(1).max(64),
    secretId: SecretRef,
    secretKey: SecretRef,
    /** Regions to collect from; empty means every region the account uses (asked of CVM DescribeRegions). */
    regions: z.array(z.string().regex(/^[a-z]{2,}-[a-z-]+$/, 'a region id such as ap-guangzhou')).default([]),
    /**
     * Where API requests go instead of `<service>.tencentcloudapi.com`: a private endpoint domain
     * (`https://internal.tencentcloudapi.com` -> `cwp.internal.tencentcloudapi.com`) or an address
     * (`http://10.0.0.5:8080`), which keeps the public host names (and so the signature's service)
     * and connects to that address.
     */
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    /** A CAM role assumed through STS AssumeRole: the customer grants a read-only role, not keys. */
    roleArn: z
      .string()
      .regex(/^qcs::cam::uin\/\d+:role(Name)?\/.+$/, 'a CAM role ARN such as qcs::cam::uin/100000000001:roleName/socdeck-readonly')
      .optional(),
    /** The customer's own egress addresses (CIDRs): a leaked key's calls from elsewhere are flagged. */
    knownRanges: z.array(z.string().regex(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, 'an address or CIDR')).default([]),
    /** Seconds between inventory syncs; 0 syncs only on `socdeck cloud sync`. */
    syncIntervalSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(6 * 3600),
    /** Requests per second per API; Tencent Cloud documents 20/s for most CWP APIs. */
    rateLimitPerSecond: z.number().min(0.1).max(100).default(20),
    /** Retries of one call answered RequestLimitExceeded or a 5xx, with doubling backoff. */
    retries: z.number().int().min(0).max(10).default(4),
    backoffMs: z.number().int().min(1).max(60_000).default(500),
    timeoutSeconds: z.number().int().min(1).max(300).default(30),
  })
  .strict();
export type TencentAccountConfig = z.infer<typeof TencentAccountConfig>;

export const CloudsConfig = z
  .object({ tencent: z.array(TencentAccountConfig).default([]) })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.tencent.forEach((a, i) => {
      if (seen.has(a.name)) ctx.addIssue({ code: 'custom', path: ['tencent', i, 'name'], message: `duplicate account name "${a.name}"` });
      seen.add(a.name);
    });
  });
export type CloudsConfig = z.infer<typeof CloudsConfig>;
