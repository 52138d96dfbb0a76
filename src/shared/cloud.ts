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
