import type { MethodName, MethodParams, MethodResult } from '../../shared/protocol.js';
import { DEMO_ACTOR } from '../demo-switch.js';
import type { RpcRegistry, Session } from '../module.js';

/** The demo acts as its own admin identity, so every step is attributed to `demo` in the audit log. */
const DEMO_SESSION: Session = { id: 'demo', actor: DEMO_ACTOR, client: 'socdeck-demo', role: 'admin', customers: 'all' };

export type DemoCall = <M extends MethodName>(method: M, params: MethodParams<M>) => Promise<MethodResult<M>>;

/** Calls the daemon's own methods as the demo identity: the same code path an analyst's request takes. */
export function demoCaller(rpc: RpcRegistry): DemoCall {
  const call = rpc.call?.bind(rpc);
  if (!call) throw new Error('demo: this RPC registry cannot call its methods');
  return <M extends MethodName>(method: M, params: MethodParams<M>) => call(method, params, DEMO_SESSION) as Promise<MethodResult<M>>;
}
