import { afterEach, describe, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { newStore, renderApp } from '../../unit/tui/render-app.js';
import { alertPolicy, quiet, suricataAlert, until } from './sla-harness.js';

let td: TestDaemon | undefined;
afterEach(async () => {
  await td?.stop();
  td = undefined;
});

describe(':sla view', () => {
  it('lists running clocks with the countdown and says plainly when the calendar is closed', async () => {
    const now = Date.parse('2026-03-14T11:00:00+08:00'); // a Saturday
    td = await startTestDaemon({ clock: { now: () => now }, configOverrides: quiet({ sla: { tickMs: 1000, policies: [alertPolicy()] } }) });
    const client = await td.connect('alice');
    const { alertIds } = await client.request('alerts.ingest', { source: 'test', records: [suricataAlert(now, 3)] });
    await until('the clock', async () => (await client.request('sla.list', {})).total === 1);

    const store = newStore();
    store.update({ view: 'sla' });
    const app = renderApp(store, client);
    try {
      await app.waitFor((f) => f.includes(alertIds[0]!.slice(0, 17)), 'the clock row');
      const row = app
        .frame()
        .split('\n')
        .find((l) => l.includes(alertIds[0]!.slice(0, 17)))!;
      expect(row).toMatch(/^30m\s+03-16 10:30\s+alert\s+\S+\s+\w+\s+resumes Mon 10:00\s+ET TEST/);
      expect(app.frame()).toContain('calendar cn: outside business hours (weekend) — resumes Mon 10:00');
      expect(app.frame()).toContain('1 of 1 running clocks');
    } finally {
      app.unmount();
    }
  });
});
