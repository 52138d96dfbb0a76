import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedTestDaemon } from '../../support/daemon.js';
import { newStore, renderApp } from '../../unit/tui/render-app.js';

const d = sharedTestDaemon();
afterEach(() => cleanup());

describe('alert queue SLA column', () => {
  it('shows the business-time countdown of each visible alert from the daemon clocks', async () => {
    const client = await d.connect('alice');
    const now = new Date().toISOString().replace('Z', '+0000');
    await client.request('alerts.ingest', {
      source: 'sla-column',
      records: [
        { timestamp: now, event_type: 'alert', src_ip: '10.7.7.7', dest_ip: '127.0.0.1', dest_port: 80, proto: 'TCP', alert: { signature_id: 2024468, signature: 'SLA column probe', severity: 1 } },
      ],
    });
    // The SLA module starts the clock from the bus event; wait for it rather than for a time.
    await expect.poll(async () => (await client.request('sla.list', { kind: 'alert' })).clocks.length, { timeout: 10_000 }).toBe(1);
    const { alerts } = await client.request('alerts.list', {});
    const store = newStore('alice');
    store.setSnapshot(alerts);
    const app = renderApp(store, client);
    await app.waitFor((f) => /SLA/.test(f) && /\n\s*\S*\s*\d+(m|h\d\dm|d\d\dh)\s+high/.test(f), 'a countdown in the SLA column of the high alert');
    expect(app.frame()).not.toMatch(/\n\s*-\s+high/);
  });
});
