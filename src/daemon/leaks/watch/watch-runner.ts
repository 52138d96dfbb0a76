import { LEAK_WATCH_STATE } from '../../collections.js';
import { resolveSecret } from '../../notify/secrets.js';
import { recordRun } from '../record-run.js';
import type { RunnerDeps } from '../runner-deps.js';
import type { SuppressionCounts } from '../scan-text.js';
import { GithubApi } from './github-api.js';
import { runGithubSearch, type SearchCursor } from './github-search.js';
import type { WatchSpec } from './watch-config.js';

/** A watcher's journalled cursor and what its last run did. */
export interface WatchState {
  id: string;
  kind: WatchSpec['kind'];
  customer: string;
  cursor: SearchCursor;
  lastRunAt: string;
  hits: number;
  filesScanned: number;
  stoppedBy?: string;
}

export interface WatchRunSettings {
  timeoutMs: number;
  rateLimitMaxWaitMs: number;
  /** Injected by tests so a rate-limit wait costs no real time. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * One run of a watcher: reads the public source from where the cursor stopped, scans what is
 * new, and records leaks, verification results and the moved cursor in one journal entry.
 */
export async function runWatcher(deps: RunnerDeps, name: string, w: WatchSpec, settings: WatchRunSettings, signal?: AbortSignal): Promise<WatchState & { newLeaks: number }> {
  const prev = deps.store.get<WatchState>(LEAK_WATCH_STATE, name);
  const token = resolveSecret(w.token, `leaks.watch ${name}: token`);
  const api = new GithubApi({ apiUrl: w.apiUrl, token, timeoutMs: settings.timeoutMs, maxWaitMs: settings.rateLimitMaxWaitMs, ...(signal ? { signal } : {}), ...(settings.sleep ? { sleep: settings.sleep } : {}) });
  const revealed = new Map<string, string>();
  const suppressed: SuppressionCounts = { allowlist: 0, inline: 0, baseline: 0 };
  const reveal = deps.verify?.(w.customer) ? (fp: string, secret: string) => void revealed.set(fp, secret) : undefined;
  const run = await runGithubSearch(api, w, prev?.cursor ?? { seen: [] }, { ruleSet: deps.ruleSet(), baseline: deps.baseline(), suppressed, ...(reveal ? { reveal } : {}) }, deps.maxFileBytes);
  const state: WatchState = {
    id: name,
    kind: w.kind,
    customer: w.customer,
    cursor: run.cursor,
    lastRunAt: new Date(deps.clock.now()).toISOString(),
    hits: run.hits,
    filesScanned: run.filesScanned,
    ...(run.stoppedBy ? { stoppedBy: run.stoppedBy } : {}),
  };
  const groups = [...run.groups].map(([target, detected]) => ({ target, detected }));
  const { newLeaks } = await recordRun(deps, { customer: w.customer, groups, revealed, extraOps: [{ op: 'put', coll: LEAK_WATCH_STATE, id: name, value: state }], ...(signal ? { signal } : {}) });
  return { ...state, newLeaks: newLeaks.length };
}
