import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { SocdeckError, type ErrorCode } from '../../shared/errors.js';
import { Envelope, isMethodName, MAX_FRAME_BYTES, Methods, PROTOCOL_VERSION, type EventName, type EventParams } from '../../shared/protocol.js';
import { inScope, METHOD_PERMISSIONS } from '../../shared/permissions.js';
import type { Logger } from '../logger.js';
import type { AccessGate } from './auth/access-gate.js';
import { scopedAnswer, type CustomerScoper } from './auth/customer-scope.js';
import type { PathRoots } from './auth/path-roots.js';
import type { AuthenticatedUser } from './auth/user-registry.js';
import type { Session } from '../module.js';
import type { QueueSource } from '../queue-source.js';
import { parseParams, type Rpc } from './rpc.js';
import { wireError } from './wire-error.js';
import { AlertSubscriptions } from './subscriptions.js';

export interface ConnectionDeps {
  /** Asks the server to send pending deltas (see Server.requestFlush). */
  requestFlush: () => void;
  rpc: Rpc;
  log: Logger;
  daemonVersion: string;
  sendBufferCap: number;
  queue: QueueSource;
  snapshotLimit: number;
  limits: ClientLimits;
  access: AccessGate;
  scoper: CustomerScoper;
  paths: PathRoots;
}

/** What one client may cost the daemon, whatever it sends and however slowly it reads. */
export interface ClientLimits {
  /** Bytes of replies and events queued on its socket; past it the client is cut off. */
  byteBudget: number;
  /** Requests being served at once; more get a `busy` error without being run. */
  maxInFlight: number;
  /** Time from upgrade to a successful hello; a silent socket is closed after it. */
  helloTimeoutMs: number;
}

/** Close code for a client cut off by policy (RFC 6455 1008), with the reason in the close frame. */
const POLICY_VIOLATION = 1008;
/** A client that does not read cannot receive the close frame either; its socket is destroyed after this. */
const CUT_OFF_GRACE_MS = 1000;

const CONNECTION_METHODS = new Set(['hello', 'alerts.subscribe', 'alerts.unsubscribe', 'session.narrow']);

/** One attached client: handshake, request dispatch, its subscriptions. Never throws out of a frame. */
export class Connection {
  session: Session | undefined;
  readonly subscriptions: AlertSubscriptions;
  /** Why the daemon closed this client, once it has. */
  cutOffReason: string | undefined;
  private inFlight = 0;
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    readonly ws: WebSocket,
    /** Who the upgrade's token belongs to: the only identity this connection ever acts as. */
    readonly user: AuthenticatedUser,
    private readonly deps: ConnectionDeps,
  ) {
    this.subscriptions = new AlertSubscriptions(
      {
        send: (event, params) => this.sendEvent(event, params),
        congested: () => ws.bufferedAmount > deps.sendBufferCap,
        changed: deps.requestFlush,
      },
      deps.queue,
    );
    this.helloTimer = setTimeout(() => {
      if (!this.session) this.cutOff(`no hello within ${deps.limits.helloTimeoutMs} ms`);
    }, deps.limits.helloTimeoutMs);
    this.helloTimer.unref();
  }

  /** Called when the socket has closed, whoever closed it. */
  dispose(): void {
    clearTimeout(this.helloTimer);
  }

  /**
   * Closes the client with a reason: it broke a limit (did not read its replies, never said
   * hello). The reason is logged and sent in the close frame; a socket that does not read even
   * that is destroyed shortly after, so its queued bytes are freed.
   */
  cutOff(reason: string): void {
    if (this.cutOffReason !== undefined) return;
    this.cutOffReason = reason;
    this.deps.log.warn('client cut off', { reason, actor: this.session?.actor, session: this.session?.id });
    this.ws.close(POLICY_VIOLATION, reason.slice(0, 120));
    setTimeout(() => this.ws.terminate(), CUT_OFF_GRACE_MS).unref();
  }

  sendEvent<E extends EventName>(event: E, params: EventParams<E>): void {
    this.sendRaw({ type: 'evt', event, params });
  }

  /** Every reply and event goes through here, so the byte budget covers them all. */
  private sendRaw(frame: unknown): void {
    if (this.ws.readyState !== this.ws.OPEN || this.cutOffReason !== undefined) return;
    const text = JSON.stringify(frame);
    const bytes = Buffer.byteLength(text);
    const budget = this.deps.limits.byteBudget;
    const reply = frame as { type?: string; id?: string | number | null };
    if (bytes > budget && reply.type === 'res') {
      // One reply larger than the whole budget could never be delivered; say so instead of cutting off a client that reads.
      return this.sendError(reply.id ?? null, 'frame_too_large', `reply of ${bytes} bytes is over this client's ${budget}-byte budget; ask for fewer items (limit)`);
    }
    if (this.ws.bufferedAmount + bytes > budget) {
      return this.cutOff(`not reading: ${this.ws.bufferedAmount} bytes unread, budget ${budget}`);
    }
    this.ws.send(text);
  }

  private sendError(id: string | number | null, code: ErrorCode, message: string, details?: Record<string, unknown>): void {
    this.sendRaw({ type: 'err', id, error: details ? { code, message, details } : { code, message } });
  }

  async onFrame(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.cutOffReason !== undefined) return;
    if (data.length > MAX_FRAME_BYTES) {
      return this.sendError(null, 'frame_too_large', `frame of ${data.length} bytes is over the ${MAX_FRAME_BYTES}-byte limit`);
    }
    if (isBinary) return this.sendError(null, 'bad_frame', 'binary frames are not part of the protocol; send JSON text');
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch (err) {
      return this.sendError(null, 'bad_frame', `frame is not JSON: ${(err as Error).message}`);
    }
    const env = Envelope.safeParse(json);
    const rawId = (json as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
    if (!env.success) {
      return this.sendError(id, 'bad_frame', `frame does not match the envelope: ${env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const frame = env.data;
    if (frame.type !== 'req') return this.sendError(id, 'bad_frame', `clients send only req frames, got ${frame.type}`);
    if (!isMethodName(frame.method)) return this.sendError(frame.id, 'unknown_method', `unknown method ${frame.method}`);
    if (this.inFlight >= this.deps.limits.maxInFlight) {
      return this.sendError(frame.id, 'busy', `${this.inFlight} requests in flight on this connection (at most ${this.deps.limits.maxInFlight}); wait for their replies`);
    }
    this.inFlight++;
    try {
      await this.deps.access.require(this.user, METHOD_PERMISSIONS[frame.method], { kind: 'method', id: frame.method });
      if (frame.method === 'hello') return this.sendRaw({ type: 'res', id: frame.id, result: this.hello(frame.params) });
      if (!this.session) throw new SocdeckError('handshake_required', 'send hello before any other request');
      await this.deps.paths.check(this.user, frame.method, frame.params);
      const { customers } = this.session;
      const { method } = frame;
      const session = this.session;
      const params = this.deps.scoper.scopeParams(frame.method, frame.params, customers);
      const result =
        frame.method === 'session.narrow'
          ? this.narrow(this.session, parseParams(frame.method, params).customer)
          : frame.method === 'alerts.subscribe' || frame.method === 'alerts.unsubscribe'
            ? this.subscriptionRequest(frame.method, params, this.session)
            : await scopedAnswer(this.deps.scoper, method, params, customers, (p) => this.deps.rpc.call(method, p, session));
      this.sendRaw({ type: 'res', id: frame.id, result });
    } catch (err) {
      const e = wireError(err, frame.method, this.deps.log);
      // For a user of some customers a missing record and another customer's read the same.
      if (e.code === 'not_found' && this.session && this.session.customers !== 'all') return this.sendError(frame.id, 'not_found', `not found (${frame.method})`);
      this.sendError(frame.id, e.code, e.message, e.details);
    } finally {
      this.inFlight--;
    }
  }

  /** Subscriptions belong to this connection, so they are served here rather than by the shared rpc table. */
  private subscriptionRequest(method: 'alerts.subscribe' | 'alerts.unsubscribe', raw: unknown, session: Session): unknown {
    if (method === 'alerts.unsubscribe') {
      const p = parseParams(method, raw);
      if (!this.subscriptions.close(p.subscription)) throw new SocdeckError('not_found', `no subscription ${p.subscription}`);
      return { ok: true };
    }
    const q = parseParams(method, raw) ?? {};
    return this.subscriptions.open({ ...q, limit: Math.min(q.limit ?? this.deps.snapshotLimit, this.deps.snapshotLimit) }, session.actor, session.customers);
  }

  /** The session's customers become one of the user's (or all of them again); the user's own scope never widens. */
  private narrow(session: Session, customer: string): { customers: Session['customers'] } {
    const own = this.user.customers;
    if (customer !== 'all' && !inScope(own, customer)) throw new SocdeckError('not_found', `no customer ${customer}`);
    session.customers = customer === 'all' ? own : [customer];
    return { customers: session.customers === 'all' ? 'all' : [...session.customers] };
  }

  private hello(raw: unknown) {
    const p = { data: parseParams('hello', raw) };
    if (p.data.protocolVersion !== PROTOCOL_VERSION) {
      throw new SocdeckError('version_mismatch', `client speaks protocol ${p.data.protocolVersion}, daemon speaks ${PROTOCOL_VERSION}`);
    }
    const u = this.user;
    this.session = { id: randomUUID(), actor: u.name, client: p.data.client, role: u.role, customers: u.customers, replyBytes: Math.floor(this.deps.limits.byteBudget / 2) };
    clearTimeout(this.helloTimer);
    if (p.data.actor !== u.name) this.deps.log.warn("client announced another name; acting as its token's user", { announced: p.data.actor, actor: u.name });
    this.deps.log.info('client attached', { actor: u.name, role: u.role, client: p.data.client, session: this.session.id });
    return {
      protocolVersion: PROTOCOL_VERSION,
      daemonVersion: this.deps.daemonVersion,
      sessionId: this.session.id,
      capabilities: Object.keys(Methods).filter((m) => this.deps.rpc.has(m) || CONNECTION_METHODS.has(m)),
    };
  }
}
