import { z } from 'zod';
import { CWP_EVENT_TYPE_NAMES, type CwpEventType } from './cwp-events.js';

/** `ingest.sources[]` entry `{name, kind: tencent-cwp, account}`: CWP alerts of one `clouds.tencent` account. */
export const tencentCwpSourceFields = {
  kind: z.literal('tencent-cwp'),
  /** A `clouds.tencent[].name`. */
  account: z.string().min(1),
  eventTypes: z
    .array(z.enum(CWP_EVENT_TYPE_NAMES as [CwpEventType, ...CwpEventType[]]))
    .min(1)
    .default(CWP_EVENT_TYPE_NAMES),
  intervalMs: z
    .number()
    .int()
    .min(1000)
    .max(24 * 3600_000)
    .default(60_000),
  /** Items per page; the CWP list APIs take at most 100. */
  pageSize: z.number().int().min(1).max(100).default(100),
  maxPagesPerRun: z.number().int().min(1).max(10_000).default(50),
};
