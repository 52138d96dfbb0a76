import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { RuleSet } from './rules.js';
import type { VerifySettings } from './verify/verify-leaks.js';

/** What scans and watchers need from the daemon to record and announce what they find. */
export interface RunnerDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  log: Logger;
  ruleSet: () => RuleSet;
  baseline: () => ReadonlySet<string>;
  maxFileBytes: number;
  slaBusinessMinutes: number;
  /** Verification settings when `leaks.verify` covers the customer, else undefined. */
  verify?: (customer: string) => VerifySettings | undefined;
}
