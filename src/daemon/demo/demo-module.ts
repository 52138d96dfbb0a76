import { setTimeout as sleep } from 'node:timers/promises';
import { ASSETS } from '../collections.js';
import { DEMO_CUSTOMER, DEMO_SCAN_ASSET } from '../demo-switch.js';
import { defineModule } from '../module.js';
import type { Asset } from '../scan/assets.js';
import { DemoConfig, loadSamples, samplesDir, startDemoReplay } from '../sources/demo-source.js';
import { demoCaller } from './demo-call.js';
import type { DemoListeners } from './demo-listeners.js';
import { runDemoScenario } from './demo-scenario.js';

const DEMO_ASSET_RECORD: Asset = { name: DEMO_SCAN_ASSET, customer: DEMO_CUSTOMER, hosts: ['127.0.0.1'], cidrs: [], domains: [], urls: [], owner: 'soc', business: 'demo', tags: ['demo'] };

/**
 * The first-run demo (config `demo:`), started after every service so it can use them: replays
 * the bundled alerts, then tells the rest of the story through the services' methods (see
 * demo-scenario.ts). Turned off, the daemon purges what an earlier run left (demo-purge.ts).
 */
export const demoModule = () => {
  let stopReplay: (() => void) | undefined;
  let listeners: DemoListeners | undefined;
  let scenario: Promise<void> | undefined;
  let stopped = false;
  return defineModule<DemoConfig>({
    name: 'demo',
    configSchema: DemoConfig,
    async start(ctx) {
      stopped = false;
      // Off, there is nothing to do here: the daemon purged earlier demo data before any service loaded it.
      if (!ctx.config.enabled) return;
      const samples = loadSamples(samplesDir(ctx.config));
      await ctx.store.commit([{ op: 'put', coll: ASSETS, id: DEMO_SCAN_ASSET, value: DEMO_ASSET_RECORD }]);
      stopReplay = startDemoReplay(ctx, samples);
      const first = samples[0]!.raw;
      // In the background: the daemon answers while the story is told.
      scenario = runDemoScenario({
        store: ctx.store,
        call: demoCaller(ctx.rpc),
        intake: ctx.intake,
        log: ctx.log,
        truncatedSample: first.slice(0, Math.floor(first.length / 2)),
        onListeners: (l) => (stopped ? void l.close() : (listeners = l)),
        stopped: () => stopped,
        sleep: (ms) => sleep(ms),
      });
    },
    async stop() {
      stopped = true;
      stopReplay?.();
      stopReplay = undefined;
      // A step half way (a scan) is not waited for long: the daemon stops within its 5 s.
      await Promise.race([scenario, sleep(2000)]);
      await listeners?.close();
      listeners = undefined;
    },
  });
};
