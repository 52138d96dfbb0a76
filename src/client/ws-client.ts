import { EventEmitter } from 'node:events';
import { userInfo } from 'node:os';
import WebSocket from 'ws';
import { displaySafeDeep } from '../shared/display-safe.js';
import { SocdeckError, type ErrorCode } from '../shared/errors.js';
import { Envelope, Events, isEventName, Methods, PROTOCOL_VERSION, type EventName, type EventParams, type MethodName, type MethodParams, type MethodResult } from '../shared/protocol.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'closed';

export interface ClientOptions {
  url: string;
  token: string;
  client: string;
  actor?: string;
  /** Reconnect with exponential backoff after a drop (the TUI); the CLI fails fast instead. */
  reconnect?: boolean;
  requestTimeoutMs?: number;
  /**
   * Passes every result, event and error text through the display sanitiser before handing it
   * on: the TUI sets it, so no view can put a raw control sequence from an alert on the
   * terminal. The CLI leaves it off, since its --json output must stay exact.
   */
  displaySafe?: boolean;
}

interface Pending {
  method: MethodName;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
}

export function currentActor(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/**
 * Typed protocol client. Emits `state` (ConnectionState, detail), `welcome` after each
 * successful handshake, and every protocol event by name with its validated params.
 */
export class SocdeckClient extends EventEmitter {
  private ws: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private attempt = 0;
  private closedByUser = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  state: ConnectionState = 'disconnected';
  daemonVersion = '';

  constructor(private readonly opts: ClientOptions) {
    super();
  }

  /** Resolves after the hello handshake. With reconnect on, keeps retrying in the background. */
  connect(): Promise<void> {
    this.closedByUser = false;
    return new Promise((resolve, reject) => {
      const onWelcome = () => {
        this.off('fatal', onFatal);
        resolve();
      };
      const onFatal = (err: unknown) => {
        this.off('welcome', onWelcome);
        reject(err);
      };
      this.once('welcome', onWelcome);
      this.once('fatal', onFatal);
      this.open();
    });
  }

  private setState(s: ConnectionState, detail = ''): void {
    this.state = s;
    this.emit('state', s, detail);
  }

  private open(): void {
    this.setState('connecting');
    const ws = new WebSocket(this.opts.url, { headers: { authorization: `Bearer ${this.opts.token}` }, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('open', () => {
      this.request('hello', { protocolVersion: PROTOCOL_VERSION, client: this.opts.client, actor: this.opts.actor ?? currentActor() }).then(
        (w) => {
          this.attempt = 0;
          this.daemonVersion = w.daemonVersion;
          this.setState('connected');
          this.emit('welcome', w);
        },
        (err: unknown) => {
          this.emit('fatal', err);
          ws.close();
        },
      );
    });
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('unexpected-response', (_req, res) => {
      const err = new SocdeckError(res.statusCode === 401 ? 'unauthorized' : 'internal', `daemon refused the connection: HTTP ${res.statusCode}`);
      this.closedByUser = this.closedByUser || res.statusCode === 401;
      this.emit('fatal', err);
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (!this.opts.reconnect) this.emit('fatal', err);
    });
    ws.on('close', () => {
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new SocdeckError('internal', `connection closed during ${p.method}`));
        this.pending.delete(id);
      }
      if (this.closedByUser || !this.opts.reconnect) {
        this.setState('closed');
        return;
      }
      this.attempt++;
      const delay = Math.min(10_000, 250 * 2 ** Math.min(this.attempt, 6)) * (0.75 + Math.random() / 2);
      this.setState('disconnected', `retrying in ${(delay / 1000).toFixed(1)} s`);
      this.reconnectTimer = setTimeout(() => this.open(), delay);
    });
  }

  private onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.emit('protocolError', new Error('daemon sent a frame that is not JSON'));
      return;
    }
    const env = Envelope.safeParse(json);
    if (!env.success) {
      this.emit('protocolError', new Error(`daemon sent a bad frame: ${env.error.message}`));
      return;
    }
    const f = env.data;
    if (f.type === 'evt') {
      if (!isEventName(f.event)) return;
      const p = Events[f.event].safeParse(f.params);
      if (p.success) this.emit(f.event, this.shown(p.data));
      else this.emit('protocolError', new Error(`bad ${f.event} event: ${p.error.message}`));
      return;
    }
    if (f.type === 'req' || f.id === null || typeof f.id !== 'number') {
      if (f.type === 'err') this.emit('protocolError', new SocdeckError(f.error.code, this.shown(f.error.message)));
      return;
    }
    const p = this.pending.get(f.id);
    if (!p) return;
    this.pending.delete(f.id);
    clearTimeout(p.timer);
    if (f.type === 'err') {
      p.reject(new SocdeckError(f.error.code as ErrorCode, this.shown(f.error.message), this.shown(f.error.details)));
      return;
    }
    const r = Methods[p.method].result.safeParse(f.result);
    if (r.success) p.resolve(this.shown(r.data));
    else p.reject(new SocdeckError('bad_frame', `bad ${p.method} result: ${r.error.message}`));
  }

  private shown<T>(v: T): T {
    return this.opts.displaySafe ? displaySafeDeep(v) : v;
  }

  request<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<MethodResult<M>> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new SocdeckError('internal', 'not connected to the daemon'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SocdeckError('internal', `${method} timed out`));
      }, this.opts.requestTimeoutMs ?? 30_000);
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  onEvent<E extends EventName>(event: E, fn: (p: EventParams<E>) => void): () => void {
    this.on(event, fn);
    return () => this.off(event, fn);
  }

  close(): void {
    this.closedByUser = true;
    clearTimeout(this.reconnectTimer);
    this.ws?.close();
  }
}
