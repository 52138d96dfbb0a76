import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { CustomerScope } from '../shared/permissions.js';
import type { MethodName, MethodParams, MethodResult } from '../shared/protocol.js';
import type { Bus } from './bus.js';
import type { Clock } from './clock.js';
import type { IntakePort } from './intake.js';
import type { Logger } from './logger.js';
import type { Scheduler } from './scheduler.js';
import type { Store } from './store/store.js';

/** Who is calling: the user the connection's token belongs to (never the name hello announces). */
export interface Session {
  id: string;
  actor: string;
  client: string;
  role: string;
  /** The customers this user may see; every read path filters by it. */
  customers: CustomerScope;
  /** The most bytes one reply may carry to this client (part of its byte budget); paged lists cut pages by it. */
  replyBytes?: number;
}

export type RpcHandler<M extends MethodName> = (params: MethodParams<M>, session: Session) => Promise<MethodResult<M>> | MethodResult<M>;

export interface RpcRegistry {
  register<M extends MethodName>(method: M, handler: RpcHandler<M>): void;
  /**
   * Runs a registered method as `session` (params validated as if they came over the wire), so
   * a module acting for an identity (the demo) goes through the owning service and its audit.
   */
  call?(method: MethodName, params: unknown, session: Session): Promise<unknown>;
}

/** Returns true when it handled the request. Routes run after token auth. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface SourceRegistry {
  report(status: { name: string; kind: string; state: 'running' | 'idle' | 'error' | 'stopped'; ingested: number; lastError?: string }): void;
}

export interface ModuleContext<C> {
  config: C;
  store: Store;
  bus: Bus;
  clock: Clock;
  log: Logger;
  scheduler: Scheduler;
  /** Hand alerts in here; the ingest module provides the implementation when it starts. */
  intake: IntakePort;
  rpc: RpcRegistry;
  http: { route(route: HttpRoute): void };
  sources: SourceRegistry;
  dataDir: string;
  /**
   * In a cluster (postgres store) only the leader runs singletons; scheduler jobs wait for it by
   * themselves, and a module that writes in answer to bus events asks here. Always true alone.
   */
  isLeader(): boolean;
}

export interface DaemonModule<C = unknown> {
  readonly name: string;
  /** Validates this module's section of the config; errors name the key path. */
  readonly configSchema: z.ZodType<C>;
  start(ctx: ModuleContext<C>): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** Lets a registry hold modules with different config types. */
export function defineModule<C>(m: DaemonModule<C>): DaemonModule<unknown> {
  return m as unknown as DaemonModule<unknown>;
}
