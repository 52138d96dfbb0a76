import type { z } from 'zod';
import { SocdeckError } from '../../shared/errors.js';
import { Methods, type MethodName } from '../../shared/protocol.js';
import type { RpcHandler, RpcRegistry, Session } from '../module.js';

type AnyHandler = (params: unknown, session: Session) => unknown;

export class Rpc implements RpcRegistry {
  private readonly handlers = new Map<string, AnyHandler>();

  register<M extends MethodName>(method: M, handler: RpcHandler<M>): void {
    if (this.handlers.has(method)) throw new Error(`rpc: ${method} registered twice`);
    this.handlers.set(method, handler as AnyHandler);
  }

  has(method: string): boolean {
    return this.handlers.has(method);
  }

  /** Validates params against the protocol schema, then runs the handler. */
  async call(method: MethodName, rawParams: unknown, session: Session): Promise<unknown> {
    const handler = this.handlers.get(method);
    if (!handler) throw new SocdeckError('unknown_method', `method ${method} is not served by this daemon`);
    return handler(parseParams(method, rawParams), session);
  }
}

export function parseParams<M extends MethodName>(method: M, raw: unknown): z.infer<(typeof Methods)[M]['params']> {
  const parsed = Methods[method].params.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`);
    throw new SocdeckError('invalid_params', `invalid params for ${method}: ${issues.join('; ')}`, { issues });
  }
  return parsed.data as z.infer<(typeof Methods)[M]['params']>;
}
