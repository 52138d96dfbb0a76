import { afterEach, describe, expect, it } from 'vitest';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { alertPolicy, quiet, suricataAlert, until } from './sla-harness.js';

let td: TestDaemon | undefined;
afterEach(async () => {
  await td?.stop();
  td = undefined;
});

describe('SLA clocks in the daemon', () => {
  it('an alert starts a clock on the cn calendar that survives a restart with the same due time', async () => {
    let now = Date.parse('2026-02-13T16:45:00+08:00'); // Friday before Spring Festival
    const dataDir = tempDir();
    const overrides = { sla: { tickMs: 50, policies: [alertPolicy()] } };
    td = await startTestDaemon({ dataDir, clock: { now: () => now }, configOverrides: quiet(overrides) });
    const c = await td.connect();
    const { alertIds } = await c.request('alerts.ingest', { source: 'test', records: [suricataAlert(now, 1)] });
    const id = alertIds[0]!;
    const clock = await until('the clock', async () => (await c.request('sla.list', { kind: 'alert' })).clocks[0]);
    expect(clock).toMatchObject({
      itemId: id,
      phase: 'response',
      calendar: 'cn',
      responseDueAt: '2026-02-14T10:15:00+08:00',
      dueAt: '2026-02-14T10:15:00+08:00',
      remainingMinutes: 30,
      paused: false,
      band: 'green',
    });
    expect(clock.explanation).toBe('running');

    await td.stop();
    now = Date.parse('2026-02-13T18:00:00+08:00');
    td = await startTestDaemon({ dataDir, clock: { now: () => now }, configOverrides: quiet(overrides) });
    const c2 = await td.connect();
    const after = await c2.request('sla.get', { kind: 'alert', id });
    expect(after.responseDueAt).toBe('2026-02-14T10:15:00+08:00');
    expect(after.remainingMinutes).toBe(15);
    expect(after.explanation).toBe('outside business hours (after working hours) — resumes Sat 10:00');
  });

  it('acknowledging stops the response clock and the list shows resolution next, soonest first', async () => {
    const now = Date.parse('2026-03-10T10:00:00+08:00');
    td = await startTestDaemon({ clock: { now: () => now }, configOverrides: quiet({ sla: { tickMs: 50, policies: [alertPolicy()] } }) });
    const c = await td.connect('alice');
    const { alertIds } = await c.request('alerts.ingest', { source: 'test', records: [suricataAlert(now, 1), suricataAlert(now - 20 * 60_000, 2)] });
    const list = await until('two clocks', async () => {
      const l = await c.request('sla.list', {});
      return l.total === 2 ? l : undefined;
    });
    // The older alert started at 09:40, before opening: it still has all 30 minutes.
    expect(list.clocks.map((k) => k.remainingMinutes)).toEqual([30, 30]);
    await c.request('alerts.ack', { targets: [{ id: alertIds[0]! }] });
    const acked = await until('the ack to reach the clock', async () => {
      const k = await c.request('sla.get', { kind: 'alert', id: alertIds[0]! });
      return k.phase === 'resolution' ? k : undefined;
    });
    expect(acked).toMatchObject({ respondedAt: new Date(now).toISOString(), dueAt: '2026-03-10T17:00:00+08:00', remainingMinutes: 300, breached: false });
  });

  it('refuses a policy naming an unknown calendar, naming the key', async () => {
    await expect(startTestDaemon({ configOverrides: quiet({ sla: { policies: [{ ...alertPolicy(), calendar: 'mars' }] } }) })).rejects.toThrow(/sla\.policies\.0\.calendar: unknown calendar "mars"/);
  });
});
