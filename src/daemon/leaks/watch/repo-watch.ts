import { LEAK_GIT_STATE } from '../../collections.js';
import type { Store, StoreOp } from '../../store/store.js';
import { scanGitRepo } from '../scan-git.js';
import type { DetectedSecret, TextScanOptions } from '../scan-text.js';
import { syncMirror } from './git-mirror.js';
import type { GithubApi } from './github-api.js';
import type { GithubOrgWatch, GitRemotesWatch } from './watch-config.js';

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

interface ApiRepo {
  clone_url: string;
  html_url: string;
}

async function allPages<T>(api: GithubApi, first: string): Promise<T[]> {
  const out: T[] = [];
  for (let next: string | undefined = first; next; ) {
    const page: { body: T[]; next: string | undefined } = await api.get<T[]>(next);
    out.push(...page.body);
    next = page.next;
  }
  return out;
}

/** Public repositories of the organisations, and of their members when opted in. */
export async function orgSources(api: GithubApi, w: GithubOrgWatch): Promise<RepoSource[]> {
  const repos: ApiRepo[] = [];
  for (const org of w.orgs) {
    repos.push(...(await allPages<ApiRepo>(api, `/orgs/${encodeURIComponent(org)}/repos?type=public&per_page=100`)));
    if (!w.includeMembers) continue;
    for (const m of await allPages<{ login: string }>(api, `/orgs/${encodeURIComponent(org)}/members?per_page=100`)) {
      repos.push(...(await allPages<ApiRepo>(api, `/users/${encodeURIComponent(m.login)}/repos?type=owner&per_page=100`)));
    }
  }
  const unique = new Map(repos.map((r) => [r.clone_url, r]));
  return [...unique.values()].map((r) => ({ url: r.clone_url, target: r.html_url, web: (commit, file) => `${r.html_url}/blob/${commit}/${file}` }));
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
