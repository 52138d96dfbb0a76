import { resolve } from 'node:path';
import type { LeakItem, LeakScanSummary } from '../../shared/leak.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { SlaObservation } from '../sla/observation.js';
import type { Store } from '../store/store.js';
import { recordDetections } from './leak-items.js';
import type { RuleSet } from './rules.js';
import { scanGitRepo } from './scan-git.js';
import { scanPaths } from './scan-paths.js';
import type { SuppressionCounts } from './scan-text.js';
import { LEAK_GIT_STATE } from '../collections.js';


export interface ScanTarget {
  path: string;
  git: boolean;
  customer: string;
}

export interface RunnerDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  log: Logger;
  ruleSet: () => RuleSet;
  baseline: () => ReadonlySet<string>;
  maxFileBytes: number;
  slaBusinessMinutes: number;
}

interface GitState {
  repo: string;
  tips: string[];
  lastScanAt: string;
}

/** Scans one target, records new leaks and findings durably, then announces new leaks. */
export async function runScan(deps: RunnerDeps, target: ScanTarget, signal?: AbortSignal): Promise<LeakScanSummary> {
  const suppressed: SuppressionCounts = { allowlist: 0, inline: 0, baseline: 0 };
  const common = { ruleSet: deps.ruleSet(), baseline: deps.baseline(), suppressed, maxFileBytes: deps.maxFileBytes, ...(signal ? { signal } : {}) };
  const repo = resolve(target.path);
  const now = new Date(deps.clock.now()).toISOString();
  let summary: Omit<LeakScanSummary, 'newLeaks' | 'findings'>;
  let detected;
  let gitState: GitState | undefined;
  if (target.git) {
    const prev = deps.store.get<GitState>(LEAK_GIT_STATE, repo);
    const r = await scanGitRepo(repo, prev?.tips ?? [], common);
    detected = r.findings;
    gitState = { repo, tips: r.tips, lastScanAt: now };
    summary = { target: repo, kind: 'git', filesScanned: 0, bytesScanned: r.bytesScanned, commitsScanned: r.commitsScanned, suppressed, skipped: r.skipped };
  } else {
    const r = await scanPaths([repo], common);
    detected = r.findings;
    summary = { target: repo, kind: 'path', filesScanned: r.filesScanned, bytesScanned: r.bytesScanned, commitsScanned: 0, suppressed, skipped: r.skipped };
  }
  const { ops, newLeaks } = recordDetections({
    customer: target.customer,
    target: repo,
    detected,
    now,
    slaBusinessMinutes: deps.slaBusinessMinutes,
    get: (c, id) => deps.store.get(c, id),
  });
  if (gitState) ops.push({ op: 'put', coll: LEAK_GIT_STATE, id: repo, value: gitState });
  await deps.store.commit(ops);
  for (const leak of newLeaks) announce(deps, leak);
  if (newLeaks.length > 0) deps.bus.emit('sla.observed', newLeaks.map((l) => slaObservation(l, now)));
  return { ...summary, findings: detected.length, newLeaks: newLeaks.length };
}

function announce(deps: RunnerDeps, leak: LeakItem): void {
  deps.log.warn('leak detected', { leak: leak.id, provider: leak.provider, rule: leak.rule, masked: leak.masked, severity: leak.severity, file: leak.first.file, line: leak.first.line });
  deps.bus.emit('leak.detected', leak);
}

/** The SLA clock input for a leak: the 30-business-minute answer clock starts at detection. */
export function slaObservation(leak: LeakItem, at: string): SlaObservation {
  return { kind: 'leak', id: leak.id, severity: leak.severity, state: leak.state, at, createdAt: leak.detectedAt, customer: leak.customer, title: `${leak.title} ${leak.masked}` };
}
