import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSlaOrder } from '../../../src/tui/sla-order-sync.js';
import { sharedTestDaemon } from '../../support/daemon.js';
import { newStore, renderApp } from '../../unit/tui/render-app.js';

const d = sharedTestDaemon();
afterEach(() => cleanup());

const eve = (sid: number, signature: string, severity: number) => ({
  timestamp: new Date().toISOString().replace('Z', '+0000'),
  event_type: 'alert',
  src_ip: `10.8.8.${sid % 250}`,
  dest_ip: '127.0.0.1',
  dest_port: 80,
  proto: 'TCP',
  alert: { signature_id: sid, signature, severity },
});

describe('alert queue order from the daemon SLA clocks', () => {
  it('puts a low alert with a running clock above a high one whose clock is done', async () => {
    const client = await d.connect('alice');
    const { alertIds } = await client.request('alerts.ingest', { source: 'sla-order', records: [eve(2024471, 'SLA order high', 1), eve(2024472, 'SLA order low', 3)] });
    const [high, low] = alertIds as [string, string];
    const { alerts } = await client.request('alerts.list', {});
    await client.request('alerts.close', { targets: [{ id: high }], disposition: 'benign_true_positive' });
    // The SLA module follows the bus: wait for the high alert's clock to be done, not for a time.
    await expect.poll(async () => (await client.request('sla.list', { kind: 'alert', ids: [high], includeDone: true })).clocks[0]?.phase, { timeout: 10_000 }).toBe('done');

    const store = newStore('alice');
    store.setSnapshot(alerts);
    expect(store.getState().rows.map((a) => a.id)).toEqual([high, low]);
    const app = renderApp(store, client);
    await loadSlaOrder({ store, daemon: client });
    await app.waitFor((f) => f.indexOf('SLA order low') >= 0 && f.indexOf('SLA order low') < f.indexOf('SLA order high'), 'the low alert on top');
    expect(store.getState().rows.map((a) => a.id)).toEqual([low, high]);
  });
});
