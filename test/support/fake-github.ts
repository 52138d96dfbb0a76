import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { gitHttpBackend } from './git-http-backend.js';

/**
 * GitHub's REST API as far as socdeck's watchers use it, on 127.0.0.1, backed by real bare git
 * repositories (a push to one is what the search index sees). Behaves as documented: Bearer
 * token or 401 "Bad credentials"; code search paginated with a Link header and limited to
 * `searchLimit` requests per window (x-ratelimit-* headers, 403 when spent); secondary limits
 * as 403 with retry-after; contents as base64 in 60-column lines; commits newest first.
 */
export interface FakeGithubOptions {
  token: string;
  /** owner/name -> bare repository folder. */
  repos: Map<string, string>;
  searchLimit?: number;
  /** Tokens `GET /user` accepts (live), with the login each belongs to. */
  users?: Map<string, string>;
  /** org -> member logins whose public repositories are the repos owned by that login. */
  members?: Map<string, string[]>;
}

export interface FakeGithub {
  url: string;
  requests: { method: string; path: string; auth: string | undefined }[];
  /** The next N search requests get a secondary-limit 403 with this retry-after (seconds). */
  secondaryLimit(times: number, retryAfter: number): void;
  /** Spends the search quota: the next search gets the primary-limit 403 until `reset`. */
  exhaust(resetInSeconds: number): void;
  /** Moves the server's clock on (a test's sleep calls it, so a rate-limit wait costs no real time). */
  advance(ms: number): void;
  close(): Promise<void>;
}

const git = (dir: string, args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
const DOCS = 'https://docs.github.com/rest';

export async function startFakeGithub(opts: FakeGithubOptions): Promise<FakeGithub> {
  const requests: FakeGithub['requests'] = [];
  const limit = opts.searchLimit ?? 30;
  let offset = 0;
  const now = () => Date.now() + offset;
  let used = 0;
  let resetAt = Math.ceil(now() / 1000) + 60;
  let secondary = { times: 0, retryAfter: 0 };
  const ids = new Map([...opts.repos.keys()].map((name, i) => [name, 1000 + i]));
  let base = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const rateHeaders = () => ({
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, limit - used)),
    'x-ratelimit-reset': String(resetAt),
    'x-ratelimit-used': String(used),
    'x-ratelimit-resource': 'code_search',
  });

  function search(u: URL, res: ServerResponse): void {
    if (secondary.times > 0) {
      secondary.times--;
      return send(
        res,
        403,
        { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` },
        { 'retry-after': String(secondary.retryAfter) },
      );
    }
    if (now() / 1000 >= resetAt) {
      used = 0;
      resetAt = Math.ceil(now() / 1000) + 60;
    }
    if (used >= limit) return send(res, 403, { message: 'API rate limit exceeded for user ID 1.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` }, rateHeaders());
    used++;
    const q = u.searchParams.get('q') ?? '';
    const perPage = Number(u.searchParams.get('per_page') ?? 30);
    const page = Number(u.searchParams.get('page') ?? 1);
    const hits = [...opts.repos].flatMap(([name, dir]) => {
      const head = git(dir, ['rev-parse', 'HEAD']).trim();
      let files: string[] = [];
      try {
        files = git(dir, ['grep', '-l', '-i', '-F', q, head])
          .split('\n')
          .filter(Boolean)
          .map((l) => l.slice(head.length + 1));
      } catch {
        // git grep exits 1 when nothing matches.
      }
      return files.map((path) => ({
        name: path.split('/').pop(),
        path,
        sha: git(dir, ['rev-parse', `${head}:${path}`]).trim(),
        url: `${base}/repositories/${ids.get(name)}/contents/${path}?ref=${head}`,
        git_url: `${base}/repositories/${ids.get(name)}/git/blobs/${git(dir, ['rev-parse', `${head}:${path}`]).trim()}`,
        html_url: `https://github.com/${name}/blob/${head}/${path}`,
        repository: { id: ids.get(name), name: name.split('/')[1], full_name: name, private: false, html_url: `https://github.com/${name}`, owner: { login: name.split('/')[0] } },
        score: 1,
      }));
    });
    const pages = Math.max(1, Math.ceil(hits.length / perPage));
    const link = (p: number) => `<${base}/search/code?q=${encodeURIComponent(q)}&per_page=${perPage}&page=${p}>`;
    const links = [...(page < pages ? [`${link(page + 1)}; rel="next"`, `${link(pages)}; rel="last"`] : []), ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : [])];
    send(
      res,
      200,
      { total_count: hits.length, incomplete_results: false, items: hits.slice((page - 1) * perPage, page * perPage) },
      { ...rateHeaders(), ...(links.length ? { link: links.join(', ') } : {}) },
    );
  }

  function contents(u: URL, res: ServerResponse, repoId: number, path: string): void {
    const name = [...ids].find(([, id]) => id === repoId)?.[0];
    const ref = u.searchParams.get('ref') ?? 'HEAD';
    if (!name) return send(res, 404, { message: 'Not Found', documentation_url: DOCS });
    const dir = opts.repos.get(name)!;
    let text: string;
    try {
      text = git(dir, ['show', `${ref}:${path}`]);
    } catch {
      return send(res, 404, { message: 'Not Found', documentation_url: DOCS });
    }
    const b64 = Buffer.from(text).toString('base64');
    send(res, 200, {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(text),
      name: path.split('/').pop(),
      path,
      content: `${b64.match(/.{1,60}/g)?.join('\n') ?? ''}\n`,
      sha: git(dir, ['rev-parse', `${ref}:${path}`]).trim(),
      url: u.href,
      html_url: `https://github.com/${name}/blob/${ref}/${path}`,
    });
  }

  function commits(u: URL, res: ServerResponse, name: string): void {
    const dir = opts.repos.get(name);
    if (!dir) return send(res, 404, { message: 'Not Found', documentation_url: DOCS });
    const path = u.searchParams.get('path');
    const out = git(dir, ['log', `-${u.searchParams.get('per_page') ?? 30}`, '--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s', u.searchParams.get('sha') ?? 'HEAD', ...(path ? ['--', path] : [])]);
    send(
      res,
      200,
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [sha, an, ae, date, subject] = l.split('\x1f');
          return {
            sha,
            commit: { author: { name: an, email: ae, date }, committer: { name: an, email: ae, date }, message: subject },
            html_url: `https://github.com/${name}/commit/${sha}`,
            author: { login: an },
          };
        }),
    );
  }

  /** Public repositories owned by an org or user, as `GET /orgs/:org/repos` lists them. */
  function ownedRepos(owner: string, res: ServerResponse): void {
    const owned = [...opts.repos.keys()].filter((n) => n.split('/')[0] === owner);
    if (owned.length === 0 && !opts.members?.has(owner)) return send(res, 404, { message: 'Not Found', documentation_url: DOCS });
    send(
      res,
      200,
      owned.map((n) => ({
        id: ids.get(n),
        name: n.split('/')[1],
        full_name: n,
        private: false,
        fork: false,
        html_url: `https://github.com/${n}`,
        clone_url: `${base}/git/${n}.git`,
        default_branch: 'main',
      })),
    );
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', base);
    const auth = req.headers.authorization;
    requests.push({ method: req.method ?? 'GET', path: u.pathname + u.search, auth });
    // Public clones need no token, as on github.com.
    if (u.pathname.startsWith('/git/')) {
      const first = [...opts.repos.values()][0];
      return gitHttpBackend(dirname(dirname(first ?? '/')), u.pathname.slice(4), u.search.slice(1), req, res);
    }
    const token = /^(?:Bearer|token) (.+)$/.exec(auth ?? '')?.[1];
    if (u.pathname === '/user') {
      const login = token ? opts.users?.get(token) : undefined;
      return login ? send(res, 200, { login, id: 4242, type: 'User' }) : send(res, 401, { message: 'Bad credentials', documentation_url: DOCS });
    }
    // Public listings answer without a token; a token that is wrong is refused everywhere.
    const anonymous = token === undefined && /^\/(orgs|users)\//.test(u.pathname);
    if (token !== opts.token && !anonymous) return send(res, 401, { message: token ? 'Bad credentials' : 'Requires authentication', documentation_url: DOCS });
    if (u.pathname === '/search/code') return search(u, res);
    const org = /^\/(?:orgs|users)\/([^/]+)\/repos$/.exec(u.pathname);
    if (org) return ownedRepos(org[1]!, res);
    const members = /^\/orgs\/([^/]+)\/members$/.exec(u.pathname);
    if (members)
      return send(
        res,
        200,
        (opts.members?.get(members[1]!) ?? []).map((login) => ({ login, type: 'User' })),
      );
    const c = /^\/repositories\/(\d+)\/contents\/(.+)$/.exec(u.pathname);
    if (c) return contents(u, res, Number(c[1]), decodeURIComponent(c[2]!));
    const m = /^\/repos\/([^/]+\/[^/]+)\/commits$/.exec(u.pathname);
    if (m) return commits(u, res, m[1]!);
    send(res, 404, { message: 'Not Found', documentation_url: DOCS });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    secondaryLimit: (times, retryAfter) => void (secondary = { times, retryAfter }),
    exhaust(resetIn) {
      used = limit;
      resetAt = Math.ceil(now() / 1000) + resetIn;
    },
    advance: (ms) => void (offset += ms),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
