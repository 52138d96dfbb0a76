import got, { RequestError } from 'got';
import { SocdeckError } from '../../../shared/errors.js';
import { DAEMON_VERSION } from '../../version.js';

export interface FetchOptions {
  url: string;
  /** Validators from the last successful download: the server answers 304 when nothing changed. */
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** First retry delay; doubles per attempt. A server's Retry-After wins when it is larger. */
  backoffMs: number;
  maxBackoffMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export type FetchResult = { status: 'not-modified' } | { status: 'ok'; body: Buffer; etag?: string; lastModified?: string; attempts: number };

const RETRY_STATUS = [408, 429, 500, 502, 503, 504, 521, 522, 524];

/**
 * One conditional GET with got: ETag / If-Modified-Since, per-request timeout, retries with
 * exponential backoff on 429/5xx and network errors, and a size cap so a runaway response
 * is cut off instead of filling memory. Errors name the URL and what went wrong.
 */
export async function conditionalGet(opts: FetchOptions): Promise<FetchResult> {
  let attempts = 1;
  const req = got(opts.url, {
    headers: {
      'user-agent': `socdeck/${DAEMON_VERSION}`,
      ...(opts.etag ? { 'if-none-match': opts.etag } : {}),
      ...(opts.lastModified ? { 'if-modified-since': opts.lastModified } : {}),
      ...opts.headers,
    },
    responseType: 'buffer',
    timeout: { request: opts.timeoutMs },
    ...(opts.signal ? { signal: opts.signal } : {}),
    retry: {
      limit: opts.retries,
      methods: ['GET'],
      statusCodes: RETRY_STATUS,
      maxRetryAfter: opts.maxBackoffMs,
      enforceRetryRules: true,
      calculateDelay: ({ attemptCount, retryAfter }) => {
        attempts = attemptCount + 1;
        const exp = Math.min(opts.maxBackoffMs, opts.backoffMs * 2 ** (attemptCount - 1));
        return Math.max(exp, Math.min(retryAfter ?? 0, opts.maxBackoffMs));
      },
    },
  });
  req.on('downloadProgress', (p: { transferred: number }) => {
    if (p.transferred > opts.maxBytes) req.cancel(`response above ${opts.maxBytes} bytes`);
  });
  try {
    const res = await req;
    if (res.statusCode === 304) return { status: 'not-modified' };
    const etag = res.headers.etag;
    const lastModified = res.headers['last-modified'];
    return { status: 'ok', body: res.body, attempts, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
  } catch (err) {
    if (req.isCanceled) throw new SocdeckError('invalid_params', `${opts.url}: response above the ${opts.maxBytes} byte cap`);
    const status = err instanceof RequestError ? err.response?.statusCode : undefined;
    const why = status ? `HTTP ${status}` : err instanceof Error ? err.message : String(err);
    throw new SocdeckError('internal', `${opts.url}: ${why} after ${attempts} attempt${attempts === 1 ? '' : 's'}`, { url: opts.url, status });
  }
}
