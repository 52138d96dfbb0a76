import { LEAK_GIT_STATE } from '../../collections.js';
import type { Store, StoreOp } from '../../store/store.js';
import { scanGitRepo } from '../scan-git.js';
import type { DetectedSecret, TextScanOptions } from '../scan-text.js';
import { syncMirror } from './git-mirror.js';
import type { GitRemotesWatch } from './watch-config.js';

/** A repository to mirror and scan: where to clone from, how findings name it, its web view. */
export interface RepoSource {
  url: string;
  /** The repository as leak items name it (never with credentials). */
  target: string;
  web?: (commit: string, file: string) => string;
}

interface GitState {
  repo: string;
  tips: string[];
  lastScanAt: string;
}

/** A URL without user and password, for display and as the state key. */
function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.href;
}

export function remoteSources(w: GitRemotesWatch): RepoSource[] {
  return w.urls.map((url) => {
    const target = withoutCredentials(url).replace(/\.git$/, '');
    const template = w.webUrl;
    return { url, target, ...(template ? { web: (commit: string, file: string) => template.replace('{repo}', target).replace('{commit}', commit).replace('{path}', file) } : {}) };
  });
}

/** A code host's listings of public repositories (GitHub, Gitee), as mirror sources. */
export interface OrgDirectory {
  orgRepos(org: string): Promise<RepoSource[]>;
  memberLogins(org: string): Promise<string[]>;
  userRepos(login: string): Promise<RepoSource[]>;
}

/** Public repositories of the organisations, and of their members when opted in, each once. */
export async function orgSources(dir: OrgDirectory, w: { orgs: string[]; includeMembers: boolean }): Promise<RepoSource[]> {
  const repos: RepoSource[] = [];
  for (const org of w.orgs) {
    repos.push(...(await dir.orgRepos(org)));
    if (!w.includeMembers) continue;
    for (const login of await dir.memberLogins(org)) repos.push(...(await dir.userRepos(login)));
  }
  return [...new Map(repos.map((r) => [r.url, r])).values()];
}

/**
 * Mirrors each repository and scans the commits it has not scanned before (all history the
 * first time); the new tips are journalled with what they found.
 */
export async function scanRepos(store: Store, sources: RepoSource[], mirrors: string, scan: TextScanOptions & { maxFileBytes: number }, now: string, timeoutMs: number, signal?: AbortSignal) {
  const groups: { target: string; detected: DetectedSecret[] }[] = [];
  const ops: StoreOp[] = [];
  let commitsScanned = 0;
  for (const s of sources) {
    const dir = await syncMirror(mirrors, s.url, timeoutMs, signal);
    const id = `remote:${s.target}`;
    const prev = store.get<GitState>(LEAK_GIT_STATE, id);
    const r = await scanGitRepo(dir, prev?.tips ?? [], { ...scan, ...(signal ? { signal } : {}), ...(s.web ? { urlFor: s.web } : {}) });
    commitsScanned += r.commitsScanned;
    if (r.findings.length > 0) groups.push({ target: s.target, detected: r.findings });
    ops.push({ op: 'put', coll: LEAK_GIT_STATE, id, value: { repo: id, tips: r.tips, lastScanAt: now } satisfies GitState });
  }
  return { groups, ops, commitsScanned };
}
