import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitHttpBackend } from './git-http-backend.js';

/**
 * Gitee's v5 REST API as the gitee-org watcher uses it, on 127.0.0.1, with the repositories
 * served over git smart HTTP at `/<owner>/<repo>.git` as gitee.com serves them. As Gitee does:
 * the token is the `access_token` query parameter (a wrong one gets 401 "Access token does not
 * exist"; public listings answer without one); lists page by `page`/`per_page` with
 * `total_count` and `total_page` headers and no Link header; a repository's `html_url` is its
 * clone URL ending in `.git`; a spent quota is a bare 403 "Rate Limit Exceeded".
 */
export interface FakeGiteeOptions {
  token: string;
  /** Root folder of the bare repositories (`<root>/<owner>/<name>.git`). */
  root: string;
  /** owner/name of every public repository served. */
  repos: string[];
  /** org -> member logins. */
  members?: Map<string, string[]>;
  /** Largest page the server hands out (Gitee's is 100); small in tests so paging is exercised. */
  maxPerPage?: number;
}

export interface FakeGitee {
  url: string;
  apiUrl: string;
  requests: { method: string; path: string; query: URLSearchParams; auth: string | undefined }[];
  /** The next N API requests are refused as over the rate limit. */
  throttle(times: number): void;
  close(): Promise<void>;
}

export async function startFakeGitee(opts: FakeGiteeOptions): Promise<FakeGitee> {
  const requests: FakeGitee['requests'] = [];
  const maxPerPage = Math.min(100, opts.maxPerPage ?? 100);
  let throttled = 0;
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const paged = (res: ServerResponse, q: URLSearchParams, all: unknown[]) => {
    const perPage = Math.min(maxPerPage, Math.max(1, Number(q.get('per_page') ?? 20)));
    const page = Math.max(1, Number(q.get('page') ?? 1));
    json(res, 200, all.slice((page - 1) * perPage, page * perPage), { total_count: String(all.length), total_page: String(Math.ceil(all.length / perPage)) });
  };
  const user = (login: string, i: number) => ({
    id: 7000 + i,
    login,
    name: login,
    avatar_url: 'https://gitee.com/assets/no_portrait.png',
    url: `${base}/api/v5/users/${login}`,
    html_url: `${base}/${login}`,
    type: 'User',
  });
  const project = (fullName: string, i: number) => {
    const [owner, path] = fullName.split('/') as [string, string];
    const head = execFileSync('git', ['-C', `${opts.root}/${fullName}.git`, 'log', '-1', '--format=%cI', '--all'], { encoding: 'utf8' }).trim();
    return {
      id: 9000 + i,
      full_name: fullName,
      human_name: `${owner}/${path}`,
      url: `${base}/api/v5/repos/${fullName}`,
      namespace: { id: 100, type: opts.members?.has(owner) ? 'group' : 'personal', name: owner, path: owner, html_url: `${base}/${owner}` },
      path,
      name: path,
      owner: user(owner, i),
      description: '',
      private: false,
      public: true,
      internal: false,
      fork: false,
      html_url: `${base}/${fullName}.git`,
      ssh_url: `git@gitee.com:${fullName}.git`,
      default_branch: 'main',
      pushed_at: head,
      created_at: head,
      updated_at: head,
    };
  };
  const ownedBy = (owner: string) => opts.repos.map(project).filter((p) => p.full_name.split('/')[0] === owner);

  function api(path: string, q: URLSearchParams, res: ServerResponse): void {
    const token = q.get('access_token');
    if (token !== null && token !== opts.token) return json(res, 401, { message: '401 Unauthorized: Access token does not exist' });
    if (throttled > 0) {
      throttled--;
      return json(res, 403, { message: 'Rate Limit Exceeded' });
    }
    let m = /^\/orgs\/([^/]+)\/repos$/.exec(path);
    if (m) {
      if (!opts.members?.has(m[1]!)) return json(res, 404, { message: 'Not Found Organization' });
      return paged(
        res,
        q,
        ownedBy(m[1]!).filter(() => ['public', 'all', null].includes(q.get('type'))),
      );
    }
    m = /^\/orgs\/([^/]+)\/members$/.exec(path);
    if (m) return opts.members?.has(m[1]!) ? paged(res, q, opts.members.get(m[1]!)!.map(user)) : json(res, 404, { message: 'Not Found Organization' });
    m = /^\/users\/([^/]+)\/repos$/.exec(path);
    if (m) return paged(res, q, ownedBy(m[1]!));
    json(res, 404, { message: 'Not Found' });
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', base);
    requests.push({ method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, auth: req.headers.authorization });
    if (u.pathname.startsWith('/api/v5/')) return api(u.pathname.slice('/api/v5'.length), u.searchParams, res);
    if (/^\/[^/]+\/[^/]+\.git\//.test(u.pathname)) return gitHttpBackend(opts.root, u.pathname, u.search.slice(1), req, res);
    json(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    apiUrl: `${base}/api/v5`,
    requests,
    throttle: (times) => void (throttled = times),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
