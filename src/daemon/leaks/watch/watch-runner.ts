import { LEAK_WATCH_STATE } from '../../collections.js';
import { resolveSecret } from '../../notify/secrets.js';
import { recordRun } from '../record-run.js';
import type { RunnerDeps } from '../runner-deps.js';
import type { StoreOp } from '../../store/store.js';
import type { DetectedSecret, SuppressionCounts } from '../scan-text.js';
import { GithubApi, type GithubApiOptions } from './github-api.js';
import { runGithubSearch, type SearchCursor } from './github-search.js';
import { giteeDirectory, githubDirectory } from './org-directories.js';
import { orgSources, remoteSources, scanRepos, type RepoSource } from './repo-watch.js';
import type { WatchSpec } from './watch-config.js';

/** A watcher's journalled cursor and what its last run did. */
export interface WatchState {
  id: string;
  kind: WatchSpec['kind'];
  customer: string;
  cursor: SearchCursor;
  lastRunAt: string;
  /** Search hits, or repositories watched. */
  hits: number;
  filesScanned: number;
  commitsScanned?: number;
  stoppedBy?: string;
}

export interface WatchRunSettings {
  timeoutMs: number;
  rateLimitMaxWaitMs: number;
  /** Where mirrors of watched repositories live (under the data dir). */
  mirrorsDir: string;
  /** Injected by tests so a rate-limit wait costs no real time. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * One run of a watcher: reads the public source from where the cursor stopped, scans what is
 * new, and records leaks, verification results and the moved cursor in one journal entry.
 */
export async function runWatcher(deps: RunnerDeps, name: string, w: WatchSpec, settings: WatchRunSettings, signal?: AbortSignal): Promise<WatchState & { newLeaks: number }> {
  const prev = deps.store.get<WatchState>(LEAK_WATCH_STATE, name);
  const revealed = new Map<string, string>();
  const suppressed: SuppressionCounts = { allowlist: 0, inline: 0, baseline: 0 };
  const reveal = deps.verify?.(w.customer) ? (fp: string, secret: string) => void revealed.set(fp, secret) : undefined;
  const scan = { ruleSet: deps.ruleSet(), baseline: deps.baseline(), suppressed, ...(reveal ? { reveal } : {}) };
  const now = new Date(deps.clock.now()).toISOString();
  const api = (apiUrl: string, tokenRef: string | undefined, dialect?: GithubApiOptions['dialect']) =>
    new GithubApi({
      apiUrl,
      ...(dialect ? { dialect } : {}),
      ...(tokenRef ? { token: resolveSecret(tokenRef, `leaks.watch ${name}: token`) } : {}),
      timeoutMs: settings.timeoutMs,
      maxWaitMs: settings.rateLimitMaxWaitMs,
      ...(signal ? { signal } : {}),
      ...(settings.sleep ? { sleep: settings.sleep } : {}),
    });
  let state: WatchState;
  let groups: { target: string; detected: DetectedSecret[] }[];
  const extraOps: StoreOp[] = [];
  if (w.kind === 'github-search') {
    const run = await runGithubSearch(api(w.apiUrl, w.token), w, prev?.cursor ?? { seen: [] }, scan, deps.maxFileBytes);
    groups = [...run.groups].map(([target, detected]) => ({ target, detected }));
    state = {
      id: name,
      kind: w.kind,
      customer: w.customer,
      cursor: run.cursor,
      lastRunAt: now,
      hits: run.hits,
      filesScanned: run.filesScanned,
      ...(run.stoppedBy ? { stoppedBy: run.stoppedBy } : {}),
    };
  } else {
    let sources: RepoSource[];
    if (w.kind === 'git-remotes') sources = remoteSources(w);
    else if (w.kind === 'github-org') sources = await orgSources(githubDirectory(api(w.apiUrl, w.token)), w);
    else sources = await orgSources(giteeDirectory(api(w.apiUrl, w.token, { host: 'Gitee', tokenInQuery: true })), w);
    const r = await scanRepos(deps.store, sources, settings.mirrorsDir, { ...scan, maxFileBytes: deps.maxFileBytes }, now, settings.timeoutMs, signal);
    groups = r.groups;
    extraOps.push(...r.ops);
    state = { id: name, kind: w.kind, customer: w.customer, cursor: { seen: [] }, lastRunAt: now, hits: sources.length, filesScanned: 0, commitsScanned: r.commitsScanned };
  }
  extraOps.push({ op: 'put', coll: LEAK_WATCH_STATE, id: name, value: state });
  const { newLeaks } = await recordRun(deps, { customer: w.customer, groups, revealed, extraOps, ...(signal ? { signal } : {}) });
  return { ...state, newLeaks: newLeaks.length };
}
