import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Bus } from '../../../src/daemon/bus.js';
import { silentLogger } from '../../../src/daemon/logger.js';
import type { ModuleContext, RpcRegistry } from '../../../src/daemon/module.js';
import { ReportArchive } from '../../../src/daemon/reports/archive.js';
import { reportsModule } from '../../../src/daemon/reports/reports-module.js';
import { Scheduler } from '../../../src/daemon/scheduler.js';
import { Store } from '../../../src/daemon/store/store.js';

describe('scheduled reports', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('registers weekly, monthly and quarterly cron jobs and a run writes every customer and format', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'socdeck-sched-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const store = await Store.open(dataDir);
    cleanups.push(() => store.close());
    // Monday 2026-11-23 09:00 in Shanghai: the weekly run reports on 2026-W47.
    const clock = { now: () => Date.parse('2026-11-23T01:00:00Z') };
    const scheduler = new Scheduler(clock, silentLogger);
    cleanups.push(() => scheduler.stop());
    const mod = reportsModule();
    const config = mod.configSchema.parse({ customers: { default: {}, acme: { lang: 'en', timeZone: 'Europe/Berlin' } } });
    const rpc: RpcRegistry = { register: () => {} };
    const ctx = { config, store, bus: new Bus(), clock, log: silentLogger, scheduler, rpc, dataDir } as unknown as ModuleContext<unknown>;
    await mod.start(ctx);
    cleanups.push(() => mod.stop());

    expect(scheduler.list().map((j) => [j.name, j.schedule])).toEqual([
      ['reports.weekly', 'cron 0 9 * * 1 Asia/Shanghai'],
      ['reports.monthly', 'cron 0 9 1 * * Asia/Shanghai'],
      ['reports.quarterly', 'cron 0 9 1 1,4,7,10 * Asia/Shanghai'],
    ]);

    await scheduler.run('reports.weekly');
    const entries = new ReportArchive(dataDir).list();
    expect(entries.map((e) => `${e.customer}/${e.subject}.${e.lang}.${e.format} by ${e.createdBy}`).sort()).toEqual([
      'acme/2026-W47.en.html by scheduler',
      'acme/2026-W47.en.md by scheduler',
      'default/2026-W47.zh-CN.html by scheduler',
      'default/2026-W47.zh-CN.md by scheduler',
    ]);
    expect(scheduler.list().find((j) => j.name === 'reports.weekly')).toMatchObject({ runs: 1, failures: 0 });
  });
});
