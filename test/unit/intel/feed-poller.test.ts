import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedPoller } from '../../../src/daemon/intel/feeds/feed-poller.js';
import { COLL } from '../../../src/daemon/intel/feeds/vuln-record.js';
import { IntelConfig } from '../../../src/daemon/intel/intel-config.js';
import { silentLogger } from '../../../src/daemon/logger.js';
import { Store } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';

const KEV = readFileSync(new URL('../../fixtures/intel/feeds/known_exploited_vulnerabilities.json', import.meta.url));
const NVD_PAGE = readFileSync(new URL('../../fixtures/intel/feeds/nvd/CVE-2026-20912_api_response.json', import.meta.url));

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('feed poller against a local HTTP server', () => {
  let dir: string;
  let store: Store;
  let server: Server;
  let base: string;
  let handler: Handler;
  const requests: IncomingMessage[] = [];
  const now = Date.parse('2026-11-25T00:00:00Z');

  beforeEach(async () => {
    dir = tempDir('socdeck-poller-');
    store = await Store.open(join(dir, 'state'));
    requests.length = 0;
    server = createServer((req, res) => {
      requests.push(req);
      handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function poller(env: NodeJS.ProcessEnv = {}, nvd: Record<string, unknown> = {}) {
    const config = IntelConfig.parse({
      http: { timeoutMs: 5000, retries: 2, backoffMs: 1, maxBackoffMs: 10 },
      kev: { url: `${base}/kev.json` },
      nvd: { url: `${base}/nvd`, delayMs: 0, delayWithKeyMs: 0, ...nvd },
    });
    return new FeedPoller({ store, clock: { now: () => now }, log: silentLogger, config, env, onChanged: () => {} });
  }
  const signal = new AbortController().signal;

  it('downloads with an ETag, then sends If-None-Match and accepts 304 as success', async () => {
    handler = (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end(KEV);
    };
    const p = poller();
    expect(await p.poll('kev', signal)).toBe('1404 added, 0 updated, 0 unchanged');
    expect(store.count(COLL.kev)).toBe(1404);
    expect(await p.poll('kev', signal)).toBe('not modified (304)');
    expect(requests[1]?.headers['if-none-match']).toBe('"v1"');
    const status = p.status().find((s) => s.name === 'kev');
    expect(status).toMatchObject({ etag: '"v1"', lastResult: 'not modified (304)', records: 1404 });
    expect(status?.lastError).toBeUndefined();
  });

  it('retries a 429 (honouring Retry-After) and then succeeds', async () => {
    let n = 0;
    handler = (_req, res) => {
      if (n++ === 0) return void res.writeHead(429, { 'retry-after': '0' }).end('slow down');
      res.writeHead(200).end(KEV);
    };
    expect(await poller().poll('kev', signal)).toMatch(/^1404 added/);
    expect(requests).toHaveLength(2);
  });

  it('gives up on a persistent 500 after the configured retries and records the error', async () => {
    handler = (_req, res) => void res.writeHead(500).end('boom');
    const p = poller();
    await expect(p.poll('kev', signal)).rejects.toThrow(`${base}/kev.json: HTTP 500 after 3 attempts`);
    expect(requests).toHaveLength(3);
    const status = p.status().find((s) => s.name === 'kev');
    expect(status?.lastError).toMatch(/HTTP 500/);
    expect(status?.lastSuccess).toBeUndefined();
  });

  it('fails on truncated JSON without saving the ETag, so the next poll downloads again', async () => {
    let n = 0;
    handler = (_req, res) => {
      const body = n++ === 0 ? KEV.subarray(0, KEV.length / 2) : KEV;
      res.writeHead(200, { etag: '"v2"', 'content-length': String(body.length) }).end(body);
    };
    const p = poller();
    await expect(p.poll('kev', signal)).rejects.toThrow(/kev\.json: invalid JSON/);
    expect(store.count(COLL.kev)).toBe(0);
    expect(await p.poll('kev', signal)).toMatch(/^1404 added/);
    expect(requests[1]?.headers['if-none-match']).toBeUndefined();
  });

  it('walks NVD in windows of at most 120 days, sends the API key as a header, and resumes from its cursor', async () => {
    handler = (_req, res) => void res.writeHead(200).end(NVD_PAGE);
    const p = poller({ NVD_API_KEY: 'secret-key' }, { initialDays: 200 });
    expect(await p.poll('nvd', signal)).toMatch(/^13 added, 0 updated, 13 unchanged; 2 pages$/);
    expect(requests).toHaveLength(2);
    const windows = requests.map((r) => new URL(r.url ?? '', base).searchParams);
    for (const q of windows) {
      const span = Date.parse(q.get('lastModEndDate') ?? '') - Date.parse(q.get('lastModStartDate') ?? '');
      expect(span).toBeLessThanOrEqual(120 * 86_400_000);
      expect(q.get('lastModStartDate')).toMatch(/\+00:00$/);
    }
    expect(windows[1]?.get('lastModStartDate')).toBe(windows[0]?.get('lastModEndDate'));
    expect(requests[0]?.headers.apikey).toBe('secret-key');
    expect(requests.some((r) => r.url?.includes('secret-key'))).toBe(false);
    expect(p.status().find((s) => s.name === 'nvd')?.cursor).toBe(new Date(now).toISOString());
    await p.poll('nvd', signal);
    // Nothing new since the cursor: no window left, no request made.
    expect(requests).toHaveLength(2);
  });
});
