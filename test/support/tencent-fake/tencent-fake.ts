import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosFake } from './cos-fake.js';
import { verifyTc3 } from './tc3-verify.js';

export type Params = Record<string, unknown>;
export type Handler = (params: Params, call: FakeCall) => Params | Promise<Params>;

export interface FakeCall {
  service: string;
  action: string;
  region?: string;
  secretId: string;
  params: Params;
}

export class ApiFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Key {
  secretKey: string;
  token?: string;
  /** CAM actions this identity may not call (`cwp:DescribeMalWareList`): answered UnauthorizedOperation. */
  denied: Set<string>;
  uin: string;
}

/**
 * A local stand-in for the Tencent Cloud API 3.0 (POST JSON, one host per product): every
 * request's TC3-HMAC-SHA256 signature is verified before anything else, per-API rate limits
 * answer RequestLimitExceeded, refused permissions UnauthorizedOperation, and each action's
 * body is what its handler returns inside `{"Response": {..., "RequestId"}}`, as the API does.
 */
export class TencentFake {
  readonly calls: FakeCall[] = [];
  /** COS on the same port: requests whose Host is a `*.myqcloud.com` name. */
  readonly cos = new CosFake();
  readonly rejected: { action: string; code: string }[] = [];
  private readonly keys = new Map<string, Key>();
  private readonly handlers = new Map<string, Handler>();
  private readonly faults = new Map<string, { code: string; times: number }[]>();
  private readonly windows = new Map<string, number[]>();
  private server: Server | undefined;
  /** Requests per second per API before RequestLimitExceeded (the documented 20/s). */
  rateLimit = 20;

  addKey(secretId: string, secretKey: string, opts: { token?: string; uin?: string } = {}): void {
    this.cos.addKey(secretId, secretKey, opts.token);
    this.keys.set(secretId, { secretKey, ...(opts.token ? { token: opts.token } : {}), denied: new Set(), uin: opts.uin ?? '100000000001' });
  }

  deny(secretId: string, permission: string): void {
    this.keys.get(secretId)?.denied.add(permission);
  }

  allow(secretId: string, permission: string): void {
    this.keys.get(secretId)?.denied.delete(permission);
  }

  uinOf(secretId: string): string | undefined {
    return this.keys.get(secretId)?.uin;
  }

  on(service: string, action: string, handler: Handler): void {
    this.handlers.set(`${service}:${action}`, handler);
  }

  handlerOf(service: string, action: string): Handler | undefined {
    return this.handlers.get(`${service}:${action}`);
  }

  /** The next `times` calls of the action fail with `code` (InternalError, RequestLimitExceeded, ...). */
  failNext(action: string, code: string, times = 1): void {
    const list = this.faults.get(action) ?? [];
    list.push({ code, times });
    this.faults.set(action, list);
  }

  callsOf(action: string): FakeCall[] {
    return this.calls.filter((c) => c.action === action);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (/\.myqcloud\.com$/.test(String(req.headers.host ?? ''))) return this.cos.handle(req, res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const requestId = randomUUID();
    const reply = (response: Params) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-tc-traceid': String(req.headers['x-tc-traceid'] ?? '') });
      res.end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
    };
    const fail = (action: string, code: string, message: string) => {
      this.rejected.push({ action, code });
      reply({ Error: { Code: code, Message: message } });
    };
    const host = String(req.headers.host ?? '');
    const service = host.split('.')[0] ?? '';
    const action = String(req.headers['x-tc-action'] ?? '');
    if (req.method !== 'POST' || !/^application\/json/.test(String(req.headers['content-type']))) return fail(action, 'InvalidParameter', 'Only POST application/json is served here.');
    const [path, query = ''] = (req.url ?? '/').split('?');
    const bad = verifyTc3({ method: 'POST', path: path ?? '/', query, headers: req.headers, body }, service, (id) => this.keys.get(id), Math.floor(Date.now() / 1000));
    if (bad) return fail(action, bad.code, bad.message);
    const secretId = /Credential=([^/]+)/.exec(String(req.headers.authorization))![1]!;
    const key = this.keys.get(secretId)!;
    if (key.denied.has(`${service}:${action}`)) return fail(action, 'UnauthorizedOperation', `CAM policy denies ${service}:${action} for this identity (uin ${key.uin}).`);
    const fault = this.faults.get(action)?.[0];
    if (fault) {
      if (--fault.times <= 0) this.faults.get(action)!.shift();
      return fail(
        action,
        fault.code,
        fault.code === 'RequestLimitExceeded'
          ? 'Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.'
          : 'An internal error has occurred. Retry your request.',
      );
    }
    const now = Date.now();
    const window = (this.windows.get(`${secretId}:${action}`) ?? []).filter((t) => now - t < 1000);
    window.push(now);
    this.windows.set(`${secretId}:${action}`, window);
    if (window.length > this.rateLimit) return fail(action, 'RequestLimitExceeded', `Your current request times exceeds the frequency limit \`${this.rateLimit}\` for a second.`);
    const handler = this.handlers.get(`${service}:${action}`);
    if (!handler) return fail(action, 'InvalidAction', `The action ${action} of ${service} is not served by this fake.`);
    let params: Params;
    try {
      params = body.length ? (JSON.parse(body.toString('utf8')) as Params) : {};
    } catch {
      return fail(action, 'InvalidParameter', 'The request body is not JSON.');
    }
    const call: FakeCall = { service, action, secretId, params, ...(req.headers['x-tc-region'] ? { region: String(req.headers['x-tc-region']) } : {}) };
    this.calls.push(call);
    try {
      reply(await handler(params, call));
    } catch (err) {
      if (err instanceof ApiFault) return fail(action, err.code, err.message);
      throw err;
    }
  }
}

/**
 * A list API as Tencent Cloud pages it: `Offset`/`Limit` (default 10, at most `max`), sorted by
 * `By` in `Order` when given, the page under `listKey` with the `TotalCount` of all matches.
 */
export function pagedList(items: () => Params[], listKey: string, max = 100): Handler {
  return (p) => {
    const limit = p.Limit === undefined ? 10 : Number(p.Limit);
    const offset = p.Offset === undefined ? 0 : Number(p.Offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new ApiFault('InvalidParameterValue.Limit', `Limit must be 1..${max}.`);
    if (!Number.isInteger(offset) || offset < 0) throw new ApiFault('InvalidParameterValue.Offset', 'Offset must be >= 0.');
    let all = [...items()];
    if (typeof p.By === 'string') {
      const by = p.By;
      const dir = String(p.Order ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
      all = all
        .map((it, i) => ({ it, i }))
        .sort((a, b) => (String(a.it[by]) < String(b.it[by]) ? -dir : String(a.it[by]) > String(b.it[by]) ? dir : a.i - b.i))
        .map((x) => x.it);
    }
    return { [listKey]: all.slice(offset, offset + limit), TotalCount: all.length };
  };
}
