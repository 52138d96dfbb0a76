/** Cloud accounts (issue 18) on the wire, spread into protocol.ts `Methods`. */
import { z } from 'zod';

export const CloudAccountView = z.object({
  name: z.string(),
  provider: z.literal('tencent'),
  customer: z.string(),
  /** never: not synced yet; partial: some APIs refused or failed; failed: none answered. */
  status: z.enum(['never', 'ok', 'partial', 'failed']),
  lastSync: z.string().optional(),
  lastPoll: z.string().optional(),
  regions: z.array(z.string()),
  roleArn: z.string().optional(),
  /** CAM actions the account's policy lacks, e.g. cwp:DescribeMalWareList. */
  missing: z.array(z.string()),
  errors: z.array(z.object({ api: z.string(), code: z.string(), message: z.string(), at: z.string() })),
  /** The account's `tencent-cwp` alert sources. */
  sources: z.array(z.string()),
});
export type CloudAccountView = z.infer<typeof CloudAccountView>;

export const CLOUD_METHODS = {
  'cloud.accounts': { params: z.object({}).optional(), result: z.object({ accounts: z.array(CloudAccountView) }) },
  /** One sync now: inventory and configuration facts, and a poll of the account's CWP sources; attributed. */
  'cloud.sync': {
    params: z.object({ name: z.string().min(1).max(64) }),
    result: z.object({ account: CloudAccountView, problems: z.array(z.string()), collected: z.record(z.string(), z.number().int()) }),
  },
} as const;

/** One CloudAudit call made with a leaked key. */
export const CloudCall = z.object({
  time: z.string(),
  sourceIp: z.string(),
  action: z.string(),
  /** The product's API host, e.g. cvm.tencentcloudapi.com. */
  product: z.string().optional(),
  region: z.string(),
  errorCode: z.number().optional(),
  /** The source address is in none of the customer's known ranges. */
  outside: z.boolean(),
});
export type CloudCall = z.infer<typeof CloudCall>;

/** What the key-leak pivot found in the cloud audit trail for a leaked Tencent SecretId. */
export const CloudActivity = z.object({
  /** The leak item this is about. */
  leakId: z.string(),
  provider: z.literal('tencent'),
  /** False when the key belongs to no account socdeck manages (then nothing was looked up). */
  managed: z.boolean(),
  account: z.string().optional(),
  user: z.string().optional(),
  lookedUpAt: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  /** Calls found, newest first, at most 500 kept; `total` counts them all. */
  calls: z.array(CloudCall),
  total: z.number().int(),
  outside: z.number().int(),
  note: z.string(),
});
export type CloudActivity = z.infer<typeof CloudActivity>;
