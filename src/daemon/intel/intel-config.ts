import { z } from 'zod';
import { Exposure } from '../../shared/intel.js';
import { Severity } from '../../shared/severity.js';

const Http = z
  .object({
    timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
    retries: z.number().int().min(0).max(10).default(3),
    backoffMs: z.number().int().min(0).max(600_000).default(2000),
    maxBackoffMs: z.number().int().min(0).max(3_600_000).default(120_000),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .default(512 * 1024 * 1024),
  })
  .strict();

const FeedBase = {
  enabled: z.boolean().default(true),
  everyMinutes: z
    .number()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
};

export const IntelConfig = z
  .object({
    /** Run every enabled feed once right after start (otherwise the first poll waits one interval). */
    pollOnStart: z.boolean().default(false),
    http: Http.prefault({}),
    kev: z
      .object({ ...FeedBase, url: z.url().default('https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json') })
      .strict()
      .prefault({}),
    nvd: z
      .object({
        ...FeedBase,
        url: z.url().default('https://services.nvd.nist.gov/rest/json/cves/2.0'),
        /** Environment variable holding the NVD API key (never written to config or logs). */
        apiKeyEnv: z.string().default('NVD_API_KEY'),
        /** First poll looks back this far; later polls resume from the last completed window. */
        initialDays: z.number().int().min(1).max(3650).default(7),
        /** NVD refuses lastMod ranges over 120 days. */
        windowDays: z.number().int().min(1).max(120).default(120),
        pageSize: z.number().int().min(1).max(2000).default(2000),
        /** Pause between requests: NVD allows 5 requests / 30 s without a key, 50 with one. */
        delayMs: z.number().int().min(0).default(6000),
        delayWithKeyMs: z.number().int().min(0).default(600),
        maxPagesPerPoll: z.number().int().min(1).max(10_000).default(200),
      })
      .strict()
      .prefault({}),
    osv: z
      .object({
        ...FeedBase,
        everyMinutes: FeedBase.everyMinutes.default(360),
        url: z.url().default('https://osv-vulnerabilities.storage.googleapis.com'),
        /** Per-ecosystem bulk zips: `${url}/${ecosystem}/all.zip`. */
        ecosystems: z.array(z.string().min(1)).default(['Debian', 'Ubuntu', 'Alpine', 'PyPI', 'npm', 'Go', 'Maven']),
      })
      .strict()
      .prefault({}),
    inventory: z
      .object({
        /** Collect this machine's packages (dpkg-query / rpm / apk) on start and every interval. */
        local: z
          .object({
            enabled: z.boolean().default(false),
            asset: z.string().optional(),
            customer: z.string().default('default'),
            exposure: Exposure.default('unknown'),
            everyMinutes: z.number().min(1).default(360),
          })
          .strict()
          .prefault({}),
        /** Remote hosts read over the system ssh client with the analyst's keys; read-only commands only. */
        ssh: z
          .array(
            z
              .object({
                asset: z.string().min(1),
                host: z.string().min(1),
                user: z.string().optional(),
                port: z.number().int().min(1).max(65535).default(22),
                identityFile: z.string().optional(),
                customer: z.string().default('default'),
                exposure: Exposure.default('unknown'),
              })
              .strict(),
          )
          .default([]),
        sshEveryMinutes: z.number().min(1).default(720),
        sshTimeoutMs: z.number().int().min(1000).default(60_000),
        /** Inventory change records kept per asset. */
        historyLimit: z.number().int().min(1).max(10_000).default(200),
      })
      .strict()
      .prefault({}),
    /** Also match NVD / CVE 5 CPE ranges on upstream versions (marked CPE: distro backports need a look). */
    match: z
      .object({ cpe: z.boolean().default(true) })
      .strict()
      .prefault({}),
    advisories: z
      .object({
        /** Matches below this severity are not raised as advisories. */
        minSeverity: Severity.default('low'),
        /** Published advisory reports (Markdown), relative to the data dir. */
        reportsDir: z.string().default('reports/advisories'),
      })
      .strict()
      .prefault({}),
    /** The first-run demo: import the bundled feed excerpts and a demo inventory on start (follows `demo.enabled`). */
    demo: z
      .object({ enabled: z.boolean().default(false), feedsDir: z.string().default('demo/intel/feeds'), inventory: z.string().default('demo/intel/inventory.json') })
      .strict()
      .prefault({}),
  })
  .strict();
export type IntelConfig = z.infer<typeof IntelConfig>;
