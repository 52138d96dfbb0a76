import { isSocdeckError } from '../../../shared/errors.js';
import { scanText, type DetectedSecret, type TextScanOptions } from '../scan-text.js';
import type { GithubApi } from './github-api.js';
import type { GithubSearchWatch } from './watch-config.js';

/** The parts of a code-search hit socdeck uses (GitHub REST `GET /search/code`). */
interface CodeHit {
  path: string;
  sha: string;
  /** Contents API URL of the file at the commit the index saw: `…/contents/<path>?ref=<commit>`. */
  url: string;
  html_url: string;
  repository: { full_name: string; html_url: string };
}

interface Contents {
  content?: string;
  encoding?: string;
  size: number;
}

interface CommitInfo {
  sha: string;
  commit: { author: { name: string; email: string; date: string } };
}

/** Where a watcher stopped: blobs already scanned, so a rerun fetches only what is new. */
export interface SearchCursor {
  seen: string[];
}

/** Blob keys kept per watcher; the oldest are forgotten first (a forgotten blob is only rescanned). */
const MAX_SEEN = 20_000;

export interface SearchRun {
  groups: Map<string, DetectedSecret[]>;
  cursor: SearchCursor;
  hits: number;
  filesScanned: number;
  /** Set when a rate limit longer than the run may wait ended it early; the next run goes on. */
  stoppedBy?: string;
}

/**
 * One pass of a github-search watcher: every query's result pages, each new file fetched at
 * the commit the search index saw and scanned with our detectors; the commit that last
 * touched it gives the author and the date it was public since.
 */
export async function runGithubSearch(api: GithubApi, w: GithubSearchWatch, cursor: SearchCursor, scan: TextScanOptions, maxFileBytes: number): Promise<SearchRun> {
  const seen = new Set(cursor.seen);
  const run: SearchRun = { groups: new Map(), cursor, hits: 0, filesScanned: 0 };
  try {
    await searchAll(api, w, seen, run, scan, maxFileBytes);
  } catch (err) {
    // What was found before the limit is kept and recorded; the rest waits for the next run.
    if (!isSocdeckError(err) || err.code !== 'busy') throw err;
    run.stoppedBy = err.message;
  }
  run.cursor = { seen: [...seen].slice(-MAX_SEEN) };
  return run;
}

async function searchAll(api: GithubApi, w: GithubSearchWatch, seen: Set<string>, run: SearchRun, scan: TextScanOptions, maxFileBytes: number): Promise<void> {
  for (const q of w.queries) {
    let next: string | undefined = `/search/code?q=${encodeURIComponent(q)}&per_page=${w.perPage}`;
    for (let page = 0; next && page < w.maxPages; page++) {
      const res: { body: { items: CodeHit[] }; next: string | undefined } = await api.get<{ items: CodeHit[] }>(next);
      next = res.next;
      for (const hit of res.body.items) {
        run.hits++;
        const key = `${hit.repository.full_name}:${hit.path}:${hit.sha}`;
        if (seen.has(key)) continue;
        const ref = new URL(hit.url).searchParams.get('ref') ?? '';
        const file = (await api.get<Contents>(hit.url)).body;
        seen.add(key);
        if (file.encoding !== 'base64' || file.content === undefined || file.size > maxFileBytes) continue;
        const text = Buffer.from(file.content, 'base64').toString('utf8');
        const commits = ref ? (await api.get<CommitInfo[]>(`/repos/${hit.repository.full_name}/commits?path=${encodeURIComponent(hit.path)}&sha=${encodeURIComponent(ref)}&per_page=1`)).body : [];
        const c = commits[0];
        const found = scanText(
          text,
          {
            file: hit.path,
            ...(c ? { commit: c.sha, author: `${c.commit.author.name} <${c.commit.author.email}>`, date: c.commit.author.date } : {}),
            url: c ? `${hit.repository.html_url}/blob/${c.sha}/${hit.path}` : hit.html_url,
          },
          scan,
        );
        run.filesScanned++;
        if (found.length > 0) run.groups.set(hit.repository.html_url, [...(run.groups.get(hit.repository.html_url) ?? []), ...found]);
      }
    }
  }
}
