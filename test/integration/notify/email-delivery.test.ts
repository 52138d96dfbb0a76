import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/daemon/logger.js';
import type { NotifyOutboxView } from '../../../src/shared/calendar/notify-outbox-view.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { parseMail } from '../../support/mime-reader.js';
import { startSmtpReceiver, type SmtpReceiver, type SmtpReceiverOptions } from '../../support/smtp-receiver.js';
import { alertPolicy, quiet, suricataAlert, until } from '../sla/sla-harness.js';

const PASSWORD = 'smtp-delivery-Pa55word-0123456789';
const START = Date.parse('2026-03-10T10:00:00+08:00');
const AT_53_PERCENT = Date.parse('2026-03-10T10:16:00+08:00');

let td: TestDaemon | undefined;
let server: SmtpReceiver | undefined;
afterEach(async () => {
  await td?.stop();
  await server?.close();
  td = server = undefined;
  delete process.env.SOCDECK_TEST_SMTP_PASSWORD;
});

/**
 * A daemon with a fake clock whose only channel is `mail` (authenticated, password from the
 * environment) and whose SLA policy mails at 50 % of the response target. Log lines are kept.
 */
async function daemonWithMail(receiver: Omit<SmtpReceiverOptions, 'credentials'>, notify: Record<string, unknown> = {}) {
  process.env.SOCDECK_TEST_SMTP_PASSWORD = PASSWORD;
  server = await startSmtpReceiver({ ...receiver, credentials: { user: 'soc', pass: PASSWORD } });
  const logs: string[] = [];
  const clock = { at: START };
  const mail = {
    type: 'email',
    host: server.host,
    port: server.port,
    requireTLS: false,
    from: 'socdeck <soc@example.com>',
    to: ['soc-team@example.com'],
    user: 'soc',
    password: 'env:SOCDECK_TEST_SMTP_PASSWORD',
  };
  td = await startTestDaemon({
    clock: { now: () => clock.at },
    log: createLogger({ level: 'debug', sink: (line) => logs.push(line) }),
    configOverrides: quiet({
      sla: { tickMs: 20, policies: [alertPolicy([{ at: 50, notify: ['mail'] }])] },
      notify: { tickMs: 20, lang: 'en', backoffBaseMs: 60_000, backoffMaxMs: 60_000, channels: { mail }, ...notify },
    }),
  });
  const c = await td.connect();
  return { c, logs, clock };
}

/** Ingests one alert, then moves the clock past its 50 % step so the escalation mail is due. */
type MailDaemon = Awaited<ReturnType<typeof daemonWithMail>>;

async function escalate(d: MailDaemon) {
  await d.c.request('alerts.ingest', { source: 'test', records: [suricataAlert(START, 7)] });
  await until('the clock', async () => (await d.c.request('sla.list', {})).total === 1);
  d.clock.at = AT_53_PERCENT;
}

/** The (only) outbox entry once `ready` holds for it. */
const entryWhen = (d: MailDaemon, ready: (e: NotifyOutboxView) => boolean) => async () => {
  const e = (await d.c.request('notify.outbox', {})).entries[0];
  return e && ready(e) ? e : undefined;
};

describe('email through the outbox', () => {
  it('a 4xx answer is retried after the backoff, then the mail goes out once', async () => {
    const d = await daemonWithMail({ onData: (n) => (n === 0 ? { code: 451, text: '4.3.0 try again later' } : undefined) });
    await escalate(d);
    const pending = await until(
      'the retry to be scheduled',
      entryWhen(d, (e) => e.attempts === 1),
    );
    expect(pending).toMatchObject({ channel: 'mail', state: 'pending', lastError: expect.stringContaining('451 4.3.0 try again later') });
    d.clock.at += 60_000;
    const sent = await until(
      'the mail to be sent',
      entryWhen(d, (e) => e.state === 'sent'),
    );
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeUndefined();
    expect(server!.dataAttempts()).toBe(2);
    expect(server!.received).toHaveLength(1);
    expect(parseMail(server!.received[0]!.raw).header('subject')).toBe('SLA escalation: 50% of the response target used');
    expect(server!.auths.every((a) => a.username === 'soc' && a.password === PASSWORD)).toBe(true);
    expect(d.logs.join('\n')).not.toContain(PASSWORD);
  });

  it('a 5xx answer fails the entry at once, shown as failed like any other, without the password', async () => {
    const d = await daemonWithMail({ onData: () => ({ code: 554, text: `5.7.1 rejected, and here is your password: ${PASSWORD}` }) }, { maxAttempts: 5 });
    await escalate(d);
    const failed = await until('the entry to fail', async () => (await d.c.request('notify.outbox', { state: 'failed' })).entries[0]);
    expect(failed).toMatchObject({ channel: 'mail', attempts: 1, lastError: expect.stringContaining('554 5.7.1 rejected') });
    expect(failed.lastError).not.toContain(PASSWORD);
    expect((await d.c.request('notify.outbox', {})).failed).toBe(1);
    d.clock.at += 600_000;
    await new Promise((r) => setTimeout(r, 200)); // several delivery ticks: none may try again
    expect(server!.dataAttempts()).toBe(1);
    const log = d.logs.join('\n');
    expect(log).toMatch(/notify channel ready channel="mail" type="email" server="127\.0\.0\.1:\d+" tls="if offered" auth=true recipients=1/);
    expect(log).toContain('notification failed for good');
    expect(log).not.toContain(PASSWORD);
  });

  it('a server that keeps answering 4xx fails the entry after maxAttempts', async () => {
    const d = await daemonWithMail({ onData: () => ({ code: 421, text: '4.7.0 too busy' }) }, { maxAttempts: 2 });
    await escalate(d);
    await until(
      'the first attempt to be recorded',
      entryWhen(d, (e) => e.attempts === 1),
    );
    d.clock.at += 60_000;
    const failed = await until('the entry to fail', async () => (await d.c.request('notify.outbox', { state: 'failed' })).entries[0]);
    expect(failed).toMatchObject({ attempts: 2, lastError: expect.stringContaining('421 4.7.0 too busy') });
    expect(server!.dataAttempts()).toBe(2);
  });

  it('notify.test (what `socdeck notify test mail` calls) mails now and reports the SMTP answer', async () => {
    const d = await daemonWithMail({});
    expect(await d.c.request('notify.test', { channel: 'mail', lang: 'en' })).toEqual({ channel: 'mail', type: 'email', ok: true, status: 250 });
    const mail = parseMail(server!.received[0]!.raw);
    expect(mail.header('subject')).toBe('socdeck test message');
    expect(mail.parts.find((p) => p.contentType === 'text/plain')!.body).toContain('Channel mail is set up');
  });
});
