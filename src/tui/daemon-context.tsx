import React, { createContext, useContext, useEffect, useState } from 'react';
import type { SocdeckClient } from '../client/ws-client.js';
import type { MethodName, MethodParams, MethodResult } from '../shared/protocol.js';

const DaemonContext = createContext<SocdeckClient | undefined>(undefined);

export function DaemonProvider({ client, children }: { client: SocdeckClient | undefined; children: React.ReactNode }): React.ReactElement {
  return <DaemonContext.Provider value={client}>{children}</DaemonContext.Provider>;
}

/** The attached client, for views that send commands (undefined in isolated component tests). */
export function useDaemonClient(): SocdeckClient | undefined {
  return useContext(DaemonContext);
}

export interface RequestState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  refresh(): void;
}

/**
 * Runs a request when the view mounts, when `key` changes, and every `pollMs` if given.
 * For views whose data changes slowly (reports, scans); the alert queue uses a subscription.
 */
export function useDaemonRequest<M extends MethodName>(method: M, params: MethodParams<M>, opts: { pollMs?: number; key?: string } = {}): RequestState<MethodResult<M>> {
  const client = useDaemonClient();
  const [state, setState] = useState<{ data: MethodResult<M> | undefined; error: string | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const paramsKey = JSON.stringify(params ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: params are compared by their JSON (paramsKey), since callers pass a new object each render
  useEffect(() => {
    if (!client) return;
    let live = true;
    const run = () =>
      client.request(method, params).then(
        (data) => live && setState({ data, error: undefined, loading: false }),
        (err: unknown) => live && setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err), loading: false })),
      );
    void run();
    const timer = opts.pollMs ? setInterval(() => void run(), opts.pollMs) : undefined;
    return () => {
      live = false;
      clearInterval(timer);
    };
    // params are compared by value through paramsKey, not by identity
  }, [client, method, paramsKey, opts.pollMs, opts.key, tick]);
  return { ...state, refresh: () => setTick((t) => t + 1) };
}
