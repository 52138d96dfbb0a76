import { isAbsolute, join } from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { audited } from '../audit/audit-log.js';
import { DEMO_ACTOR, DEMO_CUSTOMER, DEMO_INTEL_ASSET } from '../demo-switch.js';
import { defineModule, type DaemonModule } from '../module.js';
import { IntelConfig } from './intel-config.js';
import { registerIntelMethods } from './intel-rpc.js';
import { IntelService } from './intel-service.js';

const MINUTE = 60_000;

/**
 * Vulnerability intel 7x24: feeds polled on the scheduler, inventories collected or imported,
 * matches turned into advisory drafts that analysts review and publish.
 */
export function intelModule(): DaemonModule {
  return defineModule<IntelConfig>({
    name: 'intel',
    configSchema: IntelConfig,
    start(ctx) {
      const cfg = ctx.config;
      const intel = new IntelService({ store: ctx.store, bus: ctx.bus, clock: ctx.clock, log: ctx.log, config: cfg, dataDir: ctx.dataDir });
      registerIntelMethods(ctx.rpc, intel, ctx.store, () => ctx.clock.now());
      const startJobs: string[] = [];
      for (const feed of ['kev', 'nvd', 'osv'] as const) {
        if (!cfg[feed].enabled) continue;
        ctx.scheduler.every(`intel.${feed}`, cfg[feed].everyMinutes * MINUTE, async (signal) => void (await intel.pollFeed(feed, signal)));
        if (cfg.pollOnStart) startJobs.push(`intel.${feed}`);
      }
      if (cfg.inventory.local.enabled) {
        ctx.scheduler.every('intel.inventory.local', cfg.inventory.local.everyMinutes * MINUTE, async (signal) => void (await intel.collectLocalInventory(undefined, signal)));
        startJobs.push('intel.inventory.local');
      }
      if (cfg.inventory.ssh.length > 0) ctx.scheduler.every('intel.inventory.ssh', cfg.inventory.sshEveryMinutes * MINUTE, (signal) => intel.collectSshInventories(signal));
      if (cfg.demo.enabled) {
        // The bundled excerpts matched against a demo host: the first screen shows the service working.
        const fromRoot = (p: string) => (isAbsolute(p) ? p : join(PACKAGE_ROOT, p));
        const feeds = fromRoot(cfg.demo.feedsDir);
        const inventory = fromRoot(cfg.demo.inventory);
        const now = () => ctx.clock.now();
        ctx.scheduler.every('intel.demo', 24 * 60 * MINUTE, async () => {
          await audited(
            ctx.store,
            now,
            { actor: DEMO_ACTOR, action: 'intel.import', target: { kind: 'feed', id: feeds } },
            () => intel.importFeeds(feeds),
            (r) => ({ added: r.added, updated: r.updated, errors: r.errors.length }),
          );
          await audited(
            ctx.store,
            now,
            { actor: DEMO_ACTOR, action: 'inventory.import', target: { kind: 'asset', id: DEMO_INTEL_ASSET } },
            () => intel.importInventory(inventory, DEMO_INTEL_ASSET, DEMO_CUSTOMER, 'internet'),
            (r) => ({ packages: r.asset.packages }),
          );
        });
        startJobs.unshift('intel.demo');
      }
      intel.advisories.observeOpen();
      // Start-up work runs in the background so the daemon answers at once; failures back off in the scheduler.
      void (async () => {
        for (const job of startJobs) await ctx.scheduler.run(job);
      })();
    },
    stop() {},
  });
}
