import { CheckRepoActions, simpleGit, type SimpleGit } from 'simple-git';
import { SocdeckError } from '../../shared/errors.js';
import { pathAllowed, scanText, type DetectedSecret, type TextScanOptions } from './scan-text.js';

export interface GitScanOptions extends TextScanOptions {
  /** Added text in one hunk above this size is skipped (generated files, vendored blobs). */
  maxFileBytes: number;
  /** Commits per `git show` call: bounds the memory one call's output takes. */
  batchSize?: number;
  signal?: AbortSignal;
  /** Web address of a file at a commit (a watched public repository), for each finding. */
  urlFor?: (commit: string, file: string) => string;
}

export interface GitScanResult {
  findings: DetectedSecret[];
  commitsScanned: number;
  bytesScanned: number;
  /** Every ref tip at the end of this scan: the next scan starts after these. */
  tips: string[];
  skipped: { path: string; reason: string }[];
}

const RECORD = '\x1e';
const FIELD = '\x1f';

async function refTips(git: SimpleGit): Promise<string[]> {
  const out = await git.raw(['rev-parse', '--all']);
  const head = await git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '');
  return [...new Set([...out.split('\n'), head.trim()].filter((s) => /^[0-9a-f]{40,64}$/.test(s)))].sort();
}

/** Previous tips that still exist (a force-push or gc can remove them). */
async function existing(git: SimpleGit, tips: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tips) {
    const ok = await git.raw(['cat-file', '-e', `${t}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (ok) out.push(t);
  }
  return out;
}

function unquotePath(p: string): string {
  if (!p.startsWith('"')) return p;
  try {
    return JSON.parse(p) as string;
  } catch {
    return p;
  }
}

interface Hunk {
  file: string;
  startLine: number;
  added: string[];
}

interface CommitDiff {
  commit: string;
  author: string;
  date: string;
  hunks: Hunk[];
}

/** Parses `git show -U0` output into the added lines of each hunk, with their line numbers. */
export function parseShowOutput(out: string): CommitDiff[] {
  const commits: CommitDiff[] = [];
  for (const rec of out.split(RECORD)) {
    if (!rec.startsWith('commit ')) continue;
    const nl = rec.indexOf('\n');
    const [commit = '', author = '', date = ''] = rec.slice(7, nl === -1 ? undefined : nl).split(FIELD);
    const diff: CommitDiff = { commit, author, date, hunks: [] };
    const lines = nl === -1 ? [] : rec.slice(nl + 1).split('\n');
    let file: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.startsWith('+++ ')) {
        const p = l.slice(4);
        file = p === '/dev/null' ? undefined : unquotePath(p).replace(/^b\//, '');
        continue;
      }
      const h = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
      if (!h) continue;
      let oldLeft = h[1] === undefined ? 1 : Number(h[1]);
      let newLeft = h[3] === undefined ? 1 : Number(h[3]);
      const hunk: Hunk = { file: file ?? '', startLine: Number(h[2]), added: [] };
      // Count lines by the header so an added line that itself starts with "+++" is not a header.
      while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
        const body = lines[++i]!;
        if (body.startsWith('+')) {
          hunk.added.push(body.slice(1));
          newLeft--;
        } else if (body.startsWith('-')) oldLeft--;
        else if (body.startsWith(' ')) {
          oldLeft--;
          newLeft--;
        }
      }
      if (file !== undefined && hunk.added.length > 0) diff.hunks.push(hunk);
    }
    commits.push(diff);
  }
  return commits;
}

/**
 * Scans the added lines of every commit not reachable from `previousTips` (all history on the
 * first scan), so a secret deleted later is still found in the commit that added it.
 */
export async function scanGitRepo(repoDir: string, previousTips: readonly string[], opts: GitScanOptions): Promise<GitScanResult> {
  const git = simpleGit({ baseDir: repoDir, config: ['core.quotePath=false', 'diff.noprefix=false'] });
  // A watched public repository is a bare mirror.
  const isRepo = (await git.checkIsRepo().catch(() => false)) || (await git.checkIsRepo(CheckRepoActions.BARE).catch(() => false));
  if (!isRepo) throw new SocdeckError('invalid_params', `${repoDir} is not a git repository`);
  const tips = await refTips(git);
  const result: GitScanResult = { findings: [], commitsScanned: 0, bytesScanned: 0, tips, skipped: [] };
  if (tips.length === 0) return result;
  const known = await existing(git, previousTips);
  const list = await git.raw(['rev-list', '--reverse', '--topo-order', ...tips, ...(known.length ? ['--not', ...known] : [])]);
  const commits = list.split('\n').filter((s) => s.length > 0);
  const batch = opts.batchSize ?? 50;
  for (let i = 0; i < commits.length; i += batch) {
    opts.signal?.throwIfAborted();
    const out = await git.raw(['show', '--no-color', '--no-ext-diff', '--unified=0', `--format=${RECORD}commit %H${FIELD}%an <%ae>${FIELD}%aI`, ...commits.slice(i, i + batch)]);
    for (const c of parseShowOutput(out)) {
      result.commitsScanned++;
      for (const h of c.hunks) {
        if (pathAllowed(opts.ruleSet.allowlist, h.file)) continue;
        const text = h.added.join('\n');
        if (text.length > opts.maxFileBytes) {
          result.skipped.push({ path: `${c.commit.slice(0, 12)}:${h.file}`, reason: `hunk larger than ${opts.maxFileBytes} bytes` });
          continue;
        }
        result.bytesScanned += text.length;
        const url = opts.urlFor?.(c.commit, h.file);
        result.findings.push(...scanText(text, { file: h.file, lineOffset: h.startLine - 1, commit: c.commit, author: c.author, date: c.date, ...(url ? { url } : {}) }, opts));
      }
    }
  }
  return result;
}
