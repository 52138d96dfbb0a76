import { z } from 'zod';
import { ScopeConfig } from './scope/scope-guard.js';

const Schedule = z
  .object({
    name: z.string().min(1).max(64),
    /** Cron expression (with seconds optional), in the daemon's business time zone. */
    cron: z.string().min(9),
    ports: z.string().default('high-risk'),
    checks: z.boolean().default(true),
    /** Asset names; empty means every asset in the `assets` section. */
    assets: z.array(z.string()).default([]),
  })
  .strict();

export const ScanConfig = z
  .object({
    scope: ScopeConfig.default(ScopeConfig.parse({})),
    /** Connection attempts per second, per scan. */
    rate: z.number().int().min(1).max(200_000).default(20_000),
    /** Connection attempts in flight, per scan. */
    concurrency: z.number().int().min(1).max(4096).default(1024),
    /** Threads a big scan (4096+ attempts per thread) is split over; absent: one per core, at most 4. */
    threads: z.number().int().min(1).max(16).optional(),
    timeout: z
      .object({ initialMs: z.number().int().min(10).default(1000), minMs: z.number().int().min(1).default(50), maxMs: z.number().int().min(10).default(3000) })
      .strict()
      .default({ initialMs: 1000, minMs: 50, maxMs: 3000 }),
    /** Extra rounds for ports that stayed silent (filtered), each with twice the timeout. */
    retries: z.number().int().min(0).max(5).default(1),
    bannerWaitMs: z.number().int().min(10).max(30_000).default(800),
    probeTimeoutMs: z.number().int().min(10).max(60_000).default(2000),
    /** Open ports fingerprinted and checked at once. */
    probeConcurrency: z.number().int().min(1).max(256).default(16),
    defaultPorts: z.string().default('high-risk'),
    maxConcurrentScans: z.number().int().min(1).max(16).default(2),
    /** Scan runs kept in history; the oldest are dropped first. */
    historyLimit: z.number().int().min(1).max(10_000).default(200),
    progressEveryMs: z.number().int().min(10).max(10_000).default(250),
    schedules: z.array(Schedule).default([]),
    /** Third-party engines run after our own scan when enabled and installed (on PATH). */
    engines: z
      .object({
        /** nmap -sV over the open ports found, for product and version (the system-vulnerability input). */
        nmap: z.boolean().default(false),
        /** nuclei over the http(s) ports found. */
        nuclei: z.boolean().default(false),
        timeoutMs: z.number().int().min(1000).default(600_000),
      })
      .strict()
      .default({ nmap: false, nuclei: false, timeoutMs: 600_000 }),
  })
  .strict();
export type ScanConfig = z.infer<typeof ScanConfig>;
