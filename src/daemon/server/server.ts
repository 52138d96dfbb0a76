import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorCode } from '../../shared/errors.js';
import { MAX_FRAME_BYTES } from '../../shared/protocol.js';
import type { HttpRoute } from '../module.js';
import { HTTP_PERMISSIONS, SOURCE_TOKEN_ROUTE, type CustomerScope } from '../../shared/permissions.js';
import { tokenFromRequest } from './auth.js';
import type { SourceTokens } from './auth/source-tokens.js';
import type { AuthenticatedUser, UserRegistry } from './auth/user-registry.js';
import { Connection, type ConnectionDeps } from './connection.js';
import type { MetricSample } from '../metric-sample.js';
import { renderMetrics } from './metrics.js';
import { wireError } from './wire-error.js';

/** HTTP statuses of the typed errors a route may throw; anything else is a 500. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { forbidden: 403, not_found: 404, invalid_params: 400, busy: 503 };

/**
 * Hard ceiling where ws closes the socket (1009) as soon as a frame header announces more;
 * frames between MAX_FRAME_BYTES and this get an err reply. Kept small, since ws buffers a
 * whole frame before we see it: 64 clients x 2 MiB, not x 16 MiB.
 */
const WS_HARD_MAX_PAYLOAD = 2 * MAX_FRAME_BYTES;
/** Least time between deltas while every client keeps up (see requestFlush). */
const DRAINED_GAP_MS = 10;
/** How often subscriptions check for a changed rule set or a due time-relative re-evaluation (cheap when neither). */
const REEVALUATE_TICK_MS = 1000;

export interface ServerOptions extends Omit<ConnectionDeps, 'requestFlush'> {
  host: string;
  port: number;
  users: UserRegistry;
  sourceTokens: SourceTokens;
  maxClients: number;
  /** Connections from one address, so one host cannot take every slot. */
  maxClientsPerIp: number;
  /** Least time between two deltas to a client: changes within it are coalesced into one. */
  deltaIntervalMs: number;
  /** The samples a caller may see: only their customers' (see /metrics). */
  metrics: (scope: CustomerScope) => MetricSample[];
  health: () => Record<string, unknown>;
}

export class Server {
  private readonly http: HttpServer;
  private readonly wss: WebSocketServer;
  readonly connections = new Set<Connection>();
  private readonly perIp = new Map<string, number>();
  private readonly routes: HttpRoute[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlush = -Infinity;
  private reevaluateTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: ServerOptions) {
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: WS_HARD_MAX_PAYLOAD });
    this.http.on('upgrade', (req, socket, head) => {
      void opts.users.authenticate(tokenFromRequest(req)).then((user) => {
        if (!user) {
          socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          return;
        }
        const ip = req.socket.remoteAddress ?? '';
        const refusal =
          this.connections.size >= opts.maxClients
            ? `${opts.maxClients} clients attached (daemon.maxClients)`
            : (this.perIp.get(ip) ?? 0) >= opts.maxClientsPerIp
              ? `${opts.maxClientsPerIp} clients attached from ${ip} (daemon.maxClientsPerIp)`
              : undefined;
        if (refusal) {
          const body = JSON.stringify({ error: 'busy', message: refusal });
          socket.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
          return;
        }
        this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, user, ip));
      });
    });
    // A revoked or rotated token stops working at once, not at the user's next reconnect.
    opts.users.onTokenInvalidated((name) => {
      for (const c of this.connections) if (c.user.name === name) c.ws.close(4001, 'token revoked');
    });
  }

  route(r: HttpRoute): void {
    this.routes.push(r);
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.reevaluateTimer = setInterval(() => {
      for (const c of this.connections) c.subscriptions.reevaluate();
    }, REEVALUATE_TICK_MS);
    return (this.http.address() as AddressInfo).port;
  }

  /**
   * Sends pending deltas soon after something changed. While every client has drained its
   * socket, deltas go out at most every DRAINED_GAP_MS, so a new alert is on screen well within
   * the 50 ms goal; once a client falls behind, changes coalesce for deltaIntervalMs between
   * frames, so a flood costs each client one frame per interval.
   */
  requestFlush(): void {
    if (this.flushTimer) return;
    const drained = [...this.connections].every((c) => c.ws.bufferedAmount === 0);
    const gap = drained ? Math.min(DRAINED_GAP_MS, this.opts.deltaIntervalMs) : this.opts.deltaIntervalMs;
    const wait = Math.max(0, this.lastFlush + gap - performance.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.lastFlush = performance.now();
      for (const c of this.connections) c.subscriptions.flush();
    }, wait);
  }

  broadcast(fn: (c: Connection) => void): void {
    for (const c of this.connections) fn(c);
  }

  async close(): Promise<void> {
    clearTimeout(this.flushTimer);
    clearInterval(this.reevaluateTimer);
    for (const c of this.connections) {
      c.sendEvent('daemon.stopping', { reason: 'daemon is shutting down' });
      c.ws.close(1001, 'daemon stopping');
    }
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, user: AuthenticatedUser, ip: string): void {
    const conn = new Connection(ws, user, { ...this.opts, requestFlush: () => this.requestFlush() });
    this.connections.add(conn);
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    ws.on('message', (data, isBinary) => void conn.onFrame(data as Buffer, isBinary));
    ws.on('close', () => {
      conn.dispose();
      this.connections.delete(conn);
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left > 0) this.perIp.set(ip, left);
      else this.perIp.delete(ip);
    });
    ws.on('error', (err) => this.opts.log.warn('client socket error', { error: err.message }));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') {
        const health = { ok: true, ...this.opts.health() };
        // A load balancer takes a member out of rotation on anything but 200.
        res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(health));
        return;
      }
      if (req.method === SOURCE_TOKEN_ROUTE.method && url.pathname.startsWith(SOURCE_TOKEN_ROUTE.prefix)) {
        const source = decodedSegment(url.pathname.slice(SOURCE_TOKEN_ROUTE.prefix.length));
        if (source === undefined) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_params', message: 'the source name in the path is not valid percent-encoded UTF-8' }));
          return;
        }
        if (!(await this.opts.sourceTokens.verify(source, tokenFromRequest(req)))) {
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: 'unauthorized', message: `Authorization: Bearer <token of source ${source}> required (socdeck sources rotate ${source})` }));
          return;
        }
        for (const r of this.routes) if (await r(req, res, url)) return;
      }
      const user = await this.opts.users.authenticate(tokenFromRequest(req));
      if (!user) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized', message: 'Authorization: Bearer <token> required' }));
        return;
      }
      const key = routeKey(req.method ?? 'GET', url.pathname);
      if (key) {
        await this.opts.access.require(user, HTTP_PERMISSIONS[key], { kind: 'method', id: key });
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(renderMetrics(this.opts.metrics(user.customers)));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', message: `no route ${req.method} ${url.pathname}` }));
    } catch (err) {
      const e = wireError(err, `${req.method ?? 'GET'} ${url.pathname}`, this.opts.log);
      if (!res.headersSent) res.writeHead(HTTP_STATUS[e.code] ?? 500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: e.code, message: e.message, ...e.details }));
    }
  }
}

/** The HTTP_PERMISSIONS entry a request falls under (`METHOD /prefix`); none means no route serves it. */
export function routeKey(method: string, pathname: string): keyof typeof HTTP_PERMISSIONS | undefined {
  return (Object.keys(HTTP_PERMISSIONS) as (keyof typeof HTTP_PERMISSIONS)[]).find((k) => {
    const [m, prefix] = k.split(' ') as [string, string];
    return m === method && (pathname === prefix || pathname.startsWith(prefix + '/'));
  });
}

function decodedSegment(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
