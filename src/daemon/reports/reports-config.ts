import { z } from 'zod';
import { REPORT_FORMATS, REPORT_LANGS } from '../../shared/report.js';
import { isValidTimeZone } from '../../shared/calendar/zoned-time.js';

const TimeZone = z.string().refine(isValidTimeZone, 'not an IANA time zone (e.g. Asia/Shanghai)');
const Cron = z.string().regex(/^(\S+\s+){4}\S+$/, 'a five-field cron expression, e.g. "0 9 * * 1"');

const Customer = z
  .object({
    timeZone: TimeZone.optional(),
    lang: z.enum(REPORT_LANGS).optional(),
    /** Folder with this customer's exports and host facts for the quarterly assessment. */
    factsDir: z.string().optional(),
    /** 等保 2.0 filing level; the quarterly report's 等保 section lists that level's items. */
    mlpsLevel: z.union([z.literal(2), z.literal(3)]).optional(),
  })
  .strict();

export const ReportsConfig = z
  .object({
    lang: z.enum(REPORT_LANGS).default('zh-CN'),
    timeZone: TimeZone.default('Asia/Shanghai'),
    /** Formats a scheduled run writes. */
    formats: z.array(z.enum(REPORT_FORMATS)).min(1).default(['html', 'md']),
    /** Customers the scheduled runs report on; each may override zone, language and facts. */
    customers: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'customer ids use letters, digits, . _ -'), Customer).default({ default: {} }),
    schedule: z
      .object({
        enabled: z.boolean().default(true),
        weekly: Cron.default('0 9 * * 1'),
        monthly: Cron.default('0 9 1 * *'),
        quarterly: Cron.default('0 9 1 1,4,7,10 *'),
      })
      .strict()
      .default({ enabled: true, weekly: '0 9 * * 1', monthly: '0 9 1 * *', quarterly: '0 9 1 1,4,7,10 *' }),
    tuning: z
      .object({ minAlerts: z.number().int().min(1).default(10), minFpRate: z.number().min(0).max(1).default(0.6) })
      .strict()
      .default({ minAlerts: 10, minFpRate: 0.6 }),
    /** Rule packs for the assessment engine; relative paths are from the package root. */
    rulesDir: z.string().default('config/assessment'),
    /** GB/T 22239-2019 control catalogue and rule mapping; relative paths are from the package root. */
    mlpsDir: z.string().default('config/mlps'),
  })
  .strict();
export type ReportsConfig = z.infer<typeof ReportsConfig>;

export function customerSettings(cfg: ReportsConfig, customer: string): { tz: string; lang: (typeof REPORT_LANGS)[number]; factsDir?: string; mlpsLevel?: 2 | 3 } {
  const c = cfg.customers[customer] ?? {};
  return { tz: c.timeZone ?? cfg.timeZone, lang: c.lang ?? cfg.lang, ...(c.factsDir ? { factsDir: c.factsDir } : {}), ...(c.mlpsLevel ? { mlpsLevel: c.mlpsLevel } : {}) };
}
