import { watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { LeakItem } from '../../shared/leak.js';
import { PACKAGE_ROOT } from '../config.js';
import { defineModule, type ModuleContext } from '../module.js';
import { loadBaseline } from './baseline.js';
import { seedDemoLeakRepo } from './demo-repo.js';
import { DEMO_CUSTOMER } from '../demo-switch.js';
import { registerLeakMethods } from './leak-methods.js';
import { loadRuleSet } from './rules.js';
import { slaObservation } from './record-run.js';
import type { RunnerDeps } from './runner-deps.js';
import { runScan, type ScanTarget } from './scan-runner.js';
import { verifiesFor, watcherName, WatchSettings } from './watch/watch-config.js';
import { runWatcher } from './watch/watch-runner.js';
import { LEAKS } from '../collections.js';

const Target = z
  .object({
    path: z.string().min(1),
    /** Scan the repository's full history (incrementally) instead of the files on disk. */
    git: z.boolean().default(false),
    customer: z.string().default('default'),
    /** Rescan when anything under the path changes. */
    watch: z.boolean().default(false),
  })
  .strict();

const LeaksConfig = z
  .object({
    enabled: z.boolean().default(true),
    rulesFile: z.string().default('config/leaks/rules.yaml'),
    baselineFile: z.string().optional(),
    maxFileBytes: z
      .number()
      .int()
      .min(1024)
      .max(512 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    slaBusinessMinutes: z.number().int().min(1).max(10_000).default(30),
    /** Cron expression (Asia/Shanghai) for rescanning every target. */
    schedule: z.string().default('*/30 * * * *'),
    /** Quiet time after a change in a watched folder before it is rescanned. */
    watchDebounceMs: z.number().int().min(10).max(600_000).default(2000),
    targets: z.array(Target).max(500).default([]),
    ...WatchSettings,
    demo: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
  })
  .strict();
type LeaksConfig = z.infer<typeof LeaksConfig>;

const fromRoot = (p: string) => (isAbsolute(p) ? p : join(PACKAGE_ROOT, p));

/** Key-leak monitoring: scheduled, watched and on-demand scans of paths and git history. */
export const leaksModule = () => {
  const watchers: FSWatcher[] = [];
  const debounce = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  return defineModule<LeaksConfig>({
    name: 'leaks',
    configSchema: LeaksConfig,
    async start(ctx: ModuleContext<LeaksConfig>) {
      const cfg = ctx.config;
      stopped = false;
      if (!cfg.enabled) return;
      // Loaded once at start so a bad rule or baseline stops the daemon with file:line, not mid-scan.
      const ruleSet = loadRuleSet(fromRoot(cfg.rulesFile));
      const baseline = loadBaseline(cfg.baselineFile ? fromRoot(cfg.baselineFile) : undefined);
      const deps: RunnerDeps = {
        store: ctx.store,
        bus: ctx.bus,
        clock: ctx.clock,
        log: ctx.log,
        ruleSet: () => ruleSet,
        baseline: () => baseline,
        maxFileBytes: cfg.maxFileBytes,
        slaBusinessMinutes: cfg.slaBusinessMinutes,
        // Off unless configured: a check is a call to the provider with the leaked key.
        verify: (customer) => (verifiesFor(cfg.verify, customer) ? { endpoints: cfg.verifyEndpoints, timeoutMs: cfg.verifyTimeoutMs, recheckMs: cfg.verifyRecheckMinutes * 60_000 } : undefined),
      };
      registerLeakMethods(ctx.rpc, deps);

      // Heal a crash between commit and event: the SLA module ignores repeated states.
      const open = ctx.store.values<LeakItem>(LEAKS).filter((l) => l.state === 'open');
      if (open.length > 0)
        ctx.bus.emit(
          'sla.observed',
          open.map((l) => slaObservation(l, l.detectedAt)),
        );

      const addTarget = (t: ScanTarget & { watch?: boolean }) => {
        const job = `leaks:${t.git ? 'git' : 'path'}:${resolve(t.path)}`;
        // A change seen while a scan runs is not lost: the scan runs again when it ends.
        let dirty = false;
        const later = () => {
          clearTimeout(debounce.get(job));
          debounce.set(job, setTimeout(() => void ctx.scheduler.run(job), cfg.watchDebounceMs).unref());
        };
        ctx.scheduler.cron(job, cfg.schedule, async (signal) => {
          dirty = false;
          const s = await runScan(deps, t, signal);
          ctx.log.info('leak scan done', { target: s.target, kind: s.kind, files: s.filesScanned, commits: s.commitsScanned, findings: s.findings, newLeaks: s.newLeaks });
          if (dirty && !stopped) later();
        });
        if (t.watch) {
          const w = watch(t.path, { recursive: true }, () => {
            dirty = true;
            later();
          });
          w.on('error', (err) => ctx.log.warn('leak watch failed', { path: t.path, error: err.message }));
          watchers.push(w);
        }
        return job;
      };
      const jobs = cfg.targets.map((t) => addTarget({ ...t, path: fromRoot(t.path) }));
      cfg.watch.forEach((w, i) => {
        const name = watcherName(w, i);
        const job = `leaks:watch:${name}`;
        ctx.scheduler.cron(job, w.schedule ?? cfg.schedule, async (signal) => {
          const s = await runWatcher(deps, name, w, { timeoutMs: cfg.watchTimeoutMs, rateLimitMaxWaitMs: cfg.rateLimitMaxWaitSeconds * 1000, mirrorsDir: join(ctx.dataDir, 'leak-mirrors') }, signal);
          ctx.log.info('leak watcher run done', { watcher: name, kind: w.kind, customer: w.customer, hits: s.hits, files: s.filesScanned, newLeaks: s.newLeaks, stoppedBy: s.stoppedBy });
        });
        jobs.push(job);
      });
      for (const job of jobs) void ctx.scheduler.run(job);

      if (cfg.demo.enabled) {
        // In the background: the daemon answers while the demo repo is built and scanned.
        void seedDemoLeakRepo(ctx.dataDir).then(
          (repo) => (stopped ? undefined : ctx.scheduler.run(addTarget({ path: repo, git: true, customer: DEMO_CUSTOMER }))),
          (err: unknown) => ctx.log.warn('leak demo repo not created', { error: err instanceof Error ? err.message : String(err) }),
        );
      }
    },
    stop() {
      stopped = true;
      for (const w of watchers.splice(0)) w.close();
      for (const t of debounce.values()) clearTimeout(t);
      debounce.clear();
    },
  });
};
