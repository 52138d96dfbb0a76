/** Wire shapes of the reports module (issue 11); spread into Methods in protocol.ts. */
import { z } from 'zod';

export const REPORT_KIND_NAMES = ['weekly', 'monthly', 'quarterly', 'advisory', 'leak', 'incident'] as const;
export const ReportKindName = z.enum(REPORT_KIND_NAMES);
export const REPORT_LANGS = ['zh-CN', 'en'] as const;
export const REPORT_FORMATS = ['md', 'html'] as const;

/** One archived report file, as listed in `<dataDir>/reports/index.json`. */
export const ReportEntry = z.object({
  /** `customer/kind/subject.lang.format`: also the file's path under the archive folder. */
  id: z.string(),
  kind: ReportKindName,
  customer: z.string(),
  /** Period label (`2026-W47`) or item id. */
  subject: z.string(),
  lang: z.enum(REPORT_LANGS),
  format: z.enum(REPORT_FORMATS),
  path: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
  /** The analyst who asked for it, or `scheduler`. */
  createdBy: z.string(),
});
export type ReportEntry = z.infer<typeof ReportEntry>;

/** Content above this is not sent inline; the caller reads `entry.path` (same host). */
export const MAX_INLINE_REPORT_BYTES = 768 * 1024;

export const REPORT_METHODS = {
  /** Builds, archives and returns one report. */
  'reports.build': {
    params: z.object({
      kind: ReportKindName,
      customer: z.string().min(1).max(64).optional(),
      period: z.string().max(16).optional(),
      id: z.string().max(128).optional(),
      lang: z.enum(REPORT_LANGS).optional(),
      format: z.enum(REPORT_FORMATS).default('html'),
    }),
    result: z.object({ entry: ReportEntry, content: z.string().optional() }),
  },
  'reports.list': {
    params: z.object({ customer: z.string().optional(), kind: ReportKindName.optional(), limit: z.number().int().min(1).max(5000).default(200) }).optional(),
    result: z.object({ reports: z.array(ReportEntry), total: z.number().int() }),
  },
} as const;
