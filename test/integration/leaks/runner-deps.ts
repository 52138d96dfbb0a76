import { Bus } from '../../../src/daemon/bus.js';
import { loadRuleSet } from '../../../src/daemon/leaks/rules.js';
import type { RunnerDeps } from '../../../src/daemon/leaks/runner-deps.js';
import { silentLogger } from '../../../src/daemon/logger.js';
import type { Store } from '../../../src/daemon/store/store.js';

/** What a leak scan or watcher needs, on the shipped rules and a clock fixed on a workday morning. */
export function runnerDeps(store: Store, bus: Bus = new Bus()): RunnerDeps {
  return {
    store,
    bus,
    clock: { now: () => Date.parse('2026-03-02T02:00:00Z') },
    log: silentLogger,
    ruleSet: () => loadRuleSet(),
    baseline: () => new Set(),
    maxFileBytes: 1024 * 1024,
    slaBusinessMinutes: 30,
  };
}
