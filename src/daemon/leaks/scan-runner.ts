import { resolve } from 'node:path';
import type { LeakScanSummary } from '../../shared/leak.js';
import { recordRun } from './record-run.js';
import type { RunnerDeps } from './runner-deps.js';
import { scanGitRepo } from './scan-git.js';
import { scanPaths } from './scan-paths.js';
import type { SuppressionCounts } from './scan-text.js';
import { LEAK_GIT_STATE } from '../collections.js';

export interface ScanTarget {
  path: string;
  git: boolean;
  customer: string;
}

interface GitState {
  repo: string;
  tips: string[];
  lastScanAt: string;
}

/** Scans one target, records new leaks and findings durably, then announces new leaks. */
export async function runScan(deps: RunnerDeps, target: ScanTarget, signal?: AbortSignal): Promise<LeakScanSummary> {
  const suppressed: SuppressionCounts = { allowlist: 0, inline: 0, baseline: 0 };
  // Clear keys are collected only when they will be checked, and live only as long as this run.
  const revealed = new Map<string, string>();
  const reveal = deps.verify?.(target.customer) ? (fp: string, secret: string) => void revealed.set(fp, secret) : undefined;
  const common = { ruleSet: deps.ruleSet(), baseline: deps.baseline(), suppressed, maxFileBytes: deps.maxFileBytes, ...(signal ? { signal } : {}), ...(reveal ? { reveal } : {}) };
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
  const { newLeaks } = await recordRun(deps, {
    customer: target.customer,
    groups: [{ target: repo, detected }],
    revealed,
    extraOps: gitState ? [{ op: 'put', coll: LEAK_GIT_STATE, id: repo, value: gitState }] : [],
    ...(signal ? { signal } : {}),
  });
  return { ...summary, findings: detected.length, newLeaks: newLeaks.length };
}
