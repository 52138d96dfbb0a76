/**
 * The wire protocol between the daemon and its clients (TUI, CLI). Both sides import this one
 * module, so a method or event changes in exactly one place.
 *
 * Frames are JSON text, one envelope each. The first request on a connection must be `hello`;
 * the daemon answers with the `welcome` result. Methods are `noun.verb`, events are past tense.
 */
import { z } from 'zod';
import { Alert } from './alert.js';
import { ERROR_CODES } from './errors.js';
import { Severity } from './severity.js';

export const PROTOCOL_VERSION = 1;
/** Frames above this size are refused with `frame_too_large` without being parsed. */
export const MAX_FRAME_BYTES = 1024 * 1024;

const RequestId = z.union([z.string().max(64), z.number().int()]);

export const ErrorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Envelope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('req'), id: RequestId, method: z.string().max(64), params: z.unknown().optional() }),
  z.object({ type: z.literal('res'), id: RequestId, result: z.unknown() }),
  z.object({ type: z.literal('err'), id: RequestId.nullable(), error: ErrorBody }),
  z.object({ type: z.literal('evt'), event: z.string().max(64), params: z.unknown() }),
]);
export type Envelope = z.infer<typeof Envelope>;

const SeverityCounts = z.object({ info: z.number(), low: z.number(), medium: z.number(), high: z.number(), critical: z.number() });

export const AlertQuery = z.object({
  limit: z.number().int().min(1).max(10_000).default(500),
  minSeverity: Severity.optional(),
  state: z.array(z.string()).optional(),
  customer: z.string().optional(),
});

export const SourceStatus = z.object({
  name: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'idle', 'error', 'stopped']),
  ingested: z.number(),
  lastError: z.string().optional(),
});

export const DaemonStatus = z.object({
  version: z.string(),
  protocolVersion: z.number(),
  pid: z.number(),
  startedAt: z.string(),
  dataDir: z.string(),
  clients: z.number(),
  alerts: z.object({ total: z.number(), bySeverity: SeverityCounts }),
  sources: z.array(SourceStatus),
  modules: z.array(z.object({ name: z.string(), state: z.string() })),
});
export type DaemonStatus = z.infer<typeof DaemonStatus>;

/** Every request method: its params and its result. */
export const Methods = {
  hello: {
    params: z.object({
      protocolVersion: z.number().int(),
      client: z.string().max(64),
      actor: z.string().min(1).max(64),
    }),
    result: z.object({
      protocolVersion: z.number().int(),
      daemonVersion: z.string(),
      sessionId: z.string(),
      capabilities: z.array(z.string()),
    }),
  },
  'daemon.status': { params: z.object({}).optional(), result: DaemonStatus },
  'alerts.list': {
    params: AlertQuery.optional(),
    result: z.object({ alerts: z.array(Alert), total: z.number() }),
  },
  'alerts.get': { params: z.object({ id: z.string() }), result: Alert },
  'alerts.subscribe': {
    params: AlertQuery.optional(),
    result: z.object({ subscription: z.string(), seq: z.number(), alerts: z.array(Alert), total: z.number() }),
  },
  'alerts.unsubscribe': { params: z.object({ subscription: z.string() }), result: z.object({ ok: z.literal(true) }) },
  /** Durable ingest: answered only after the journal fsync, so an ack means the alert survives kill -9. */
  'alerts.ingest': {
    params: z.object({ source: z.string().min(1).max(64), records: z.array(z.unknown()).min(1).max(5000) }),
    result: z.object({
      accepted: z.number(),
      alertIds: z.array(z.string()),
      rejected: z.array(z.object({ index: z.number(), reason: z.string() })),
    }),
  },
} as const;
export type MethodName = keyof typeof Methods;
export type MethodParams<M extends MethodName> = z.input<(typeof Methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof Methods)[M]['result']>;

/** Every server event and its params. */
export const Events = {
  'alerts.changed': z.object({
    subscription: z.string(),
    seq: z.number().int(),
    upserts: z.array(Alert),
    removed: z.array(z.string()),
    total: z.number(),
  }),
  /** The daemon dropped deltas for this subscription (slow client or overflow): subscribe again. */
  'subscription.reset': z.object({ subscription: z.string(), reason: z.string() }),
  'daemon.stopping': z.object({ reason: z.string() }),
} as const;
export type EventName = keyof typeof Events;
export type EventParams<E extends EventName> = z.infer<(typeof Events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(Methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(Events, name);
}

export function encodeRequest(id: string | number, method: MethodName, params?: unknown): string {
  return JSON.stringify({ type: 'req', id, method, params });
}
