import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { AlertTarget } from '../../../src/shared/triage.js';

export interface Call {
  method: string;
  params: unknown;
}

/**
 * Stands in for an attached daemon in component tests: records every request and answers an
 * alert action as the daemon would (each target updated), anything else with nothing to show.
 */
export function recordingDaemon(): { client: SocdeckClient; calls: Call[] } {
  const calls: Call[] = [];
  const request = (method: string, params?: { targets?: AlertTarget[] }) => {
    calls.push({ method, params });
    if (method.startsWith('alerts.')) return Promise.resolve({ updated: (params?.targets ?? []).map((t) => ({ id: t.id, rev: (t.rev ?? 0) + 1, state: 'acknowledged' })) });
    return Promise.resolve({ clocks: [], total: 0 });
  };
  // Only `request` is used by the views and actions under test.
  return { client: { request } as unknown as SocdeckClient, calls };
}
