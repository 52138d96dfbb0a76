import { describe, expect, it } from 'vitest';
import { webhookSignature } from '../../../src/daemon/notify/channels/webhook.js';
import { startTestDaemon } from '../../support/daemon.js';
import { alertPolicy, quiet, startReceiver, stopAfterEach, suricataAlert, until } from './sla-harness.js';

const SECRET = 'hook-secret-for-tests-0123456789';
const track = stopAfterEach(['SOCDECK_TEST_HOOK_SECRET']);
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

const STEPS = [
  { at: 50, notify: ['hook'] },
  { at: 80, notify: ['hook'], mentionOnCall: true },
  { at: 100, notify: ['hook'], mentionOnCall: true, raiseSeverity: true },
];

function config(url: string, notify: Record<string, unknown> = {}) {
  return {
    sla: { tickMs: 20, onCall: 'duty-officer', policies: [alertPolicy(STEPS)] },
    notify: { tickMs: 20, lang: 'en', channels: { hook: { type: 'webhook', url: `${url}/hook`, secret: 'env:SOCDECK_TEST_HOOK_SECRET', mention: ['oncall-1'] } }, ...notify },
  };
}

describe('escalation with a fake clock', () => {
  it('fires the 50/80/100 % steps once each, in order, records the breach and notifies', async () => {
    process.env.SOCDECK_TEST_HOOK_SECRET = SECRET;
    receiver = track(await startReceiver());
    let now = Date.parse('2026-03-10T10:00:00+08:00');
    const td = track(await startTestDaemon({ clock: { now: () => now }, configOverrides: quiet(config(receiver.url)) }));
    const c = await td.connect();
    const { alertIds } = await c.request('alerts.ingest', { source: 'test', records: [suricataAlert(now, 7)] });
    const id = alertIds[0]!;
    await until('the clock', async () => (await c.request('sla.list', {})).total === 1);
    const sevBefore = (await c.request('sla.get', { kind: 'alert', id })).severity;

    const steps = () => receiver!.received.map((r) => (JSON.parse(r.body) as { vars: { phase: string; step: number } }).vars).map((v) => `${v.phase}:${v.step}`);
    now = Date.parse('2026-03-10T10:16:00+08:00'); // 53 %
    await until('the 50 % step', () => receiver!.received.length === 1);
    expect((await c.request('sla.get', { kind: 'alert', id })).band).toBe('yellow');
    now = Date.parse('2026-03-10T10:25:00+08:00'); // 83 %
    await until('the 80 % step', () => receiver!.received.length === 2);
    expect((await c.request('sla.get', { kind: 'alert', id })).band).toBe('red');
    now = Date.parse('2026-03-10T10:31:00+08:00'); // 103 %
    await until('the 100 % step', () => receiver!.received.length === 3);
    expect(steps()).toEqual(['response:50', 'response:80', 'response:100']);

    const breaches = await c.request('sla.breaches', {});
    expect(breaches.breaches).toEqual([
      expect.objectContaining({ itemId: id, phase: 'response', dueAt: '2026-03-10T10:30:00+08:00', recordedAt: new Date(now).toISOString(), onDuty: 'duty-officer' }),
    ]);
    const info = await c.request('sla.get', { kind: 'alert', id });
    expect(info).toMatchObject({ band: 'breached', breached: true });
    expect(info.severity).not.toBe(sevBefore === 'critical' ? 'none' : sevBefore);

    // Every delivery is signed as documented, and the 80/100 % ones mention on-call.
    for (const r of receiver.received) {
      const ts = Number(r.headers['x-socdeck-timestamp']);
      expect(r.headers['x-socdeck-signature']).toBe(webhookSignature(ts, r.body, SECRET));
    }
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { mentions: string[] }).mentions)).toEqual([[], ['oncall-1'], ['oncall-1']]);

    // Later ticks fire nothing again: acknowledging moves on to the resolution clock, whose
    // 50 % step is the next and only message.
    await c.request('alerts.ack', { targets: [{ id }] });
    await until('the resolution phase', async () => (await c.request('sla.get', { kind: 'alert', id })).phase === 'resolution');
    now = Date.parse('2026-03-10T15:00:00+08:00'); // 180 of 300 business minutes
    await until('the resolution 50 % step', () => receiver!.received.length === 4);
    expect(steps()).toEqual(['response:50', 'response:80', 'response:100', 'resolution:50']);
    const outbox = await c.request('notify.outbox', {});
    expect(outbox.entries.map((e) => e.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('retries a failing endpoint with backoff, then marks it failed; the secret never shows', async () => {
    process.env.SOCDECK_TEST_HOOK_SECRET = SECRET;
    receiver = track(await startReceiver(() => ({ status: 500, body: `{"error":"down","echo":"${SECRET}"}` })));
    let now = Date.parse('2026-03-10T10:00:00+08:00');
    const td = track(await startTestDaemon({ clock: { now: () => now }, configOverrides: quiet(config(receiver.url, { maxAttempts: 3, backoffBaseMs: 60_000, backoffMaxMs: 120_000 })) }));
    const c = await td.connect();
    await c.request('alerts.ingest', { source: 'test', records: [suricataAlert(now, 9)] });
    await until('the clock', async () => (await c.request('sla.list', {})).total === 1);
    now = Date.parse('2026-03-10T10:16:00+08:00');
    await until('the first attempt', () => receiver!.received.length === 1);
    const pending = await until('the retry to be scheduled', async () => (await c.request('notify.outbox', {})).entries.find((e) => e.attempts === 1));
    expect(pending).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/^HTTP 500/) });
    expect(Date.parse(pending.nextAttemptAt!) - now).toBeGreaterThanOrEqual(30_000);
    now += 60_000;
    await until('the second attempt', () => receiver!.received.length === 2);
    // The receiver sees the request before the daemon records the outcome: wait for the record.
    await until('the second retry to be scheduled', async () => (await c.request('notify.outbox', {})).entries.find((e) => e.attempts === 2));
    now += 120_000;
    const failed = await until('the entry to fail', async () => (await c.request('notify.outbox', { state: 'failed' })).entries[0]);
    expect(failed).toMatchObject({ attempts: 3, channel: 'hook' });
    expect(failed.lastError).not.toContain(SECRET);
    expect(receiver.received).toHaveLength(3);
    expect((await c.request('notify.outbox', {})).failed).toBe(1);
  });
});
