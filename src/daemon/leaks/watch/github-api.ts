import got, { RequestError } from 'got';
import { SocdeckError } from '../../../shared/errors.js';
import { DAEMON_VERSION } from '../../version.js';

export interface GithubApiOptions {
  /** `https://api.github.com`, a GitHub Enterprise `https://host/api/v3`, or a test server. */
  apiUrl: string;
  /** Optional for public listings (GitHub then allows far fewer requests an hour). */
  token?: string;
  timeoutMs: number;
  /** Longest wait for a rate limit inside one run; a longer one ends the run (the cursor keeps its place). */
  maxWaitMs: number;
  signal?: AbortSignal;
  /** Injected so tests do not wait for real. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /**
   * Gitee's v5 API has GitHub's shape but takes the token as an `access_token` query parameter
   * and pages with `total_page` headers instead of Link; `host` names it in errors.
   */
  dialect?: { host: string; tokenInQuery: boolean };
}

export interface GithubResponse<T> {
  body: T;
  /** The `rel="next"` page of a paginated list. */
  next: string | undefined;
}

/** A response that says "not now": primary (remaining 0) or secondary (retry-after) limit. */
function waitFor(status: number, headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
  const retryAfter = Number(headers['retry-after']);
  if ((status === 403 || status === 429) && Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const remaining = headers['x-ratelimit-remaining'];
  const reset = Number(headers['x-ratelimit-reset']);
  if ((status === 403 || status === 429) && remaining === '0' && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now) + 1000;
  return undefined;
}

function nextLink(url: string, headers: Record<string, string | string[] | undefined>): string | undefined {
  const link = headers.link;
  const value = Array.isArray(link) ? link.join(',') : link;
  const next = value
    ?.split(',')
    .map((p) => /<([^>]+)>\s*;\s*rel="next"/.exec(p)?.[1])
    .find((u) => u !== undefined);
  if (next !== undefined || headers.total_page === undefined) return next;
  const u = new URL(url);
  const page = Number(u.searchParams.get('page') ?? 1);
  if (!(page < Number(headers.total_page))) return undefined;
  u.searchParams.set('page', String(page + 1));
  return u.href;
}

export const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

/**
 * GitHub REST calls as GitHub asks integrators to make them: a token, the versioned media type,
 * one request at a time, and waits on both rate limits (primary: `x-ratelimit-remaining: 0`
 * until `x-ratelimit-reset`; secondary: 403/429 with `retry-after`). The token never appears
 * in an error or a log line: errors name the path only.
 */
export class GithubApi {
  private readonly sleep: NonNullable<GithubApiOptions['sleep']>;
  private readonly now: () => number;
  private readonly host: string;
  /** Earliest time the next request may go, after a response said the quota is spent. */
  private notBefore = 0;

  constructor(private readonly opts: GithubApiOptions) {
    this.sleep = opts.sleep ?? sleepFor;
    this.now = opts.now ?? Date.now;
    this.host = opts.dialect?.host ?? 'GitHub';
  }

  private url(pathOrUrl: string): string {
    return pathOrUrl.startsWith('http') ? pathOrUrl : `${this.opts.apiUrl.replace(/\/$/, '')}${pathOrUrl}`;
  }

  private async pause(ms: number, what: string): Promise<void> {
    if (ms > this.opts.maxWaitMs) throw new SocdeckError('busy', `${this.host} rate limit on ${what}: retry in ${Math.ceil(ms / 1000)} s`, { retryAt: new Date(this.now() + ms).toISOString() });
    await this.sleep(ms, this.opts.signal);
  }

  async get<T>(pathOrUrl: string, accept = 'application/vnd.github+json'): Promise<GithubResponse<T>> {
    const url = this.url(pathOrUrl);
    const what = new URL(url).pathname;
    const inQuery = this.opts.token !== undefined && this.opts.dialect?.tokenInQuery === true;
    const target = new URL(url);
    if (inQuery) target.searchParams.set('access_token', this.opts.token!);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (this.notBefore > this.now()) await this.pause(this.notBefore - this.now(), what);
      this.opts.signal?.throwIfAborted();
      let res;
      try {
        res = await got(target, {
          headers: { ...(this.opts.token && !inQuery ? { authorization: `Bearer ${this.opts.token}` } : {}), accept, 'x-github-api-version': '2022-11-28', 'user-agent': `socdeck/${DAEMON_VERSION}` },
          throwHttpErrors: false,
          retry: { limit: 0 },
          timeout: { request: this.opts.timeoutMs },
          ...(this.opts.signal ? { signal: this.opts.signal } : {}),
        });
      } catch (err) {
        throw new SocdeckError('internal', `${this.host} ${what}: ${err instanceof RequestError ? err.code : String(err)}`);
      }
      const wait = waitFor(res.statusCode, res.headers, this.now());
      if (wait !== undefined) {
        await this.pause(wait, what);
        continue;
      }
      if (res.headers['x-ratelimit-remaining'] === '0') this.notBefore = Number(res.headers['x-ratelimit-reset']) * 1000 + 1000;
      if (res.statusCode === 404) throw new SocdeckError('not_found', `${this.host} ${what}: 404`);
      if (res.statusCode === 401) throw new SocdeckError('unauthorized', `${this.host} ${what}: 401 (token refused)`);
      // Gitee answers a spent quota with a bare 403/429 "Rate Limit Exceeded" and no reset time.
      if ((res.statusCode === 403 || res.statusCode === 429) && /rate limit/i.test(res.body))
        throw new SocdeckError('busy', `${this.host} ${what}: rate limited (HTTP ${res.statusCode}); the next run resumes`);
      if (res.statusCode < 200 || res.statusCode >= 300) throw new SocdeckError('internal', `${this.host} ${what}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
      return { body: (accept.includes('raw') ? res.body : JSON.parse(res.body)) as T, next: nextLink(url, res.headers) };
    }
    throw new SocdeckError('busy', `${this.host} ${what}: still rate limited after 5 waits`);
  }
}
