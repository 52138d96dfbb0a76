import type { Finding } from '../../shared/scan.js';
import { defineModule } from '../module.js';
import { expireAcceptances } from './findings.js';
import { ScanConfig } from './scan-config.js';
import { registerScanMethods } from './scan-methods.js';
import { ScanService } from './scan-service.js';
import { FINDINGS } from '../collections.js';

/** How often accepted findings are checked for an expired acceptance. */
const ACCEPTANCE_SWEEP_MS = 60_000;

/** Risk detection (scope-guarded scans, checks, engine imports) and the hardening loop (findings lifecycle, plans, verification). */
export const scanModule = () => {
  let service: ScanService | undefined;
  return defineModule<ScanConfig>({
    name: 'scan',
    configSchema: ScanConfig,
    async start(ctx) {
      const scans = new ScanService(ctx.config, ctx.store, ctx.bus, ctx.clock, ctx.log);
      service = scans;
      registerScanMethods(ctx.rpc, ctx.store, ctx.clock, scans);

      const sweep = async () => {
        const expired = expireAcceptances(ctx.store.values<Finding>(FINDINGS), new Date(ctx.clock.now()).toISOString());
        if (expired.length === 0) return;
        await ctx.store.commit(expired.map((f) => ({ op: 'put', coll: FINDINGS, id: f.id, value: f })));
        ctx.log.info('risk acceptances expired; findings reopened', { findings: expired.map((f) => f.id).join(',') });
      };
      await sweep();
      ctx.scheduler.every('scan:acceptance-expiry', ACCEPTANCE_SWEEP_MS, sweep);

      for (const s of ctx.config.schedules) {
        let current: Promise<unknown> | undefined;
        ctx.scheduler.cron(`scan:${s.name}`, s.cron, async () => {
          // The scheduler never overlaps a job, but a long scan outlives its tick: skip and say so.
          if (current) {
            ctx.log.warn('scheduled scan skipped: the previous run is still going', { schedule: s.name });
            return;
          }
          // No asset names means every asset: start() falls back to the whole inventory.
          const runs = await Promise.all(
            (s.assets.length ? s.assets : [undefined]).map((asset) => scans.start({ ...(asset ? { asset } : {}), ports: s.ports, checks: s.checks }, `schedule:${s.name}`)),
          );
          current = Promise.allSettled(runs.map((r) => r.done)).finally(() => (current = undefined));
        });
      }
    },
    stop() {
      service?.cancelAll();
    },
  });
};
