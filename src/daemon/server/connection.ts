import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { isSocdeckError, SocdeckError, type ErrorCode } from '../../shared/errors.js';
import { Envelope, isMethodName, MAX_FRAME_BYTES, Methods, PROTOCOL_VERSION, type EventName, type EventParams } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { Session } from '../module.js';
import type { QueueSource } from '../queue-source.js';
import { parseParams, type Rpc } from './rpc.js';
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
}

const CONNECTION_METHODS = new Set(['hello', 'alerts.subscribe', 'alerts.unsubscribe']);

/** One attached client: handshake, request dispatch, its subscriptions. Never throws out of a frame. */
export class Connection {
  session: Session | undefined;
  readonly subscriptions: AlertSubscriptions;

  constructor(
    readonly ws: WebSocket,
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
  }

  sendEvent<E extends EventName>(event: E, params: EventParams<E>): void {
    this.sendRaw({ type: 'evt', event, params });
  }

  private sendRaw(frame: unknown): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private sendError(id: string | number | null, code: ErrorCode, message: string, details?: Record<string, unknown>): void {
    this.sendRaw({ type: 'err', id, error: details ? { code, message, details } : { code, message } });
  }

  async onFrame(data: Buffer, isBinary: boolean): Promise<void> {
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
    try {
      if (frame.method === 'hello') return this.sendRaw({ type: 'res', id: frame.id, result: this.hello(frame.params) });
      if (!this.session) throw new SocdeckError('handshake_required', 'send hello before any other request');
      const result =
        frame.method === 'alerts.subscribe' || frame.method === 'alerts.unsubscribe'
          ? this.subscriptionRequest(frame.method, frame.params, this.session)
          : await this.deps.rpc.call(frame.method, frame.params, this.session);
      this.sendRaw({ type: 'res', id: frame.id, result });
    } catch (err) {
      if (isSocdeckError(err)) return this.sendError(frame.id, err.code, err.message, err.details);
      this.deps.log.error('request failed', { method: frame.method, error: err instanceof Error ? err.stack : String(err) });
      this.sendError(frame.id, 'internal', `internal error in ${frame.method}`);
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
    return this.subscriptions.open({ ...q, limit: Math.min(q.limit ?? this.deps.snapshotLimit, this.deps.snapshotLimit) }, session.actor);
  }

  private hello(raw: unknown) {
    const p = { data: parseParams('hello', raw) };
    if (p.data.protocolVersion !== PROTOCOL_VERSION) {
      throw new SocdeckError('version_mismatch', `client speaks protocol ${p.data.protocolVersion}, daemon speaks ${PROTOCOL_VERSION}`);
    }
    this.session = { id: randomUUID(), actor: p.data.actor, client: p.data.client };
    this.deps.log.info('client attached', { actor: p.data.actor, client: p.data.client, session: this.session.id });
    return {
      protocolVersion: PROTOCOL_VERSION,
      daemonVersion: this.deps.daemonVersion,
      sessionId: this.session.id,
      capabilities: Object.keys(Methods).filter((m) => this.deps.rpc.has(m) || CONNECTION_METHODS.has(m)),
    };
  }
}
