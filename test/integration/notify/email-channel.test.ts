import { chmodSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveChannels, send, type Channel } from '../../../src/daemon/notify/channel-set.js';
import { NotifyConfig } from '../../../src/daemon/notify/notify-config.js';
import { NotifyTemplate } from '../../../src/daemon/notify/outbox.js';
import { render } from '../../../src/daemon/notify/templates.js';
import { tempDir } from '../../support/daemon.js';
import { parseMail } from '../../support/mime-reader.js';
import { startSmtpReceiver, type SmtpReceiver, type SmtpReceiverOptions } from '../../support/smtp-receiver.js';

const PASSWORD = 'smtp-Pa55word-for-tests-0123456789';
const NOW = Date.parse('2026-03-10T10:16:00+08:00');
const VARS = {
  kind: 'advisory',
  item: 'adv-7',
  title: 'CVE-2026-1234 in <openssl>',
  customer: 'acme',
  severity: 'high',
  phase: 'response',
  step: 80,
  dueAt: '2026-03-10T10:30:00+08:00',
  remaining: '14m',
  onDuty: 'alice',
};
const msg = (lang: 'zh-CN' | 'en', mentions: string[] = []) => render({ template: NotifyTemplate.SlaEscalation, dedupKey: 'sla:advisory:adv-7:response:80', vars: VARS }, lang, mentions);

let server: SmtpReceiver | undefined;
let silent: Server | undefined;
afterEach(async () => {
  await server?.close();
  await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
  server = silent = undefined;
});

/** One email channel named `mail` against a local SMTP receiver; clear text unless the test says otherwise. */
async function mailChannel(receiver: SmtpReceiverOptions, channel: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}): Promise<Channel> {
  server = await startSmtpReceiver(receiver);
  const cfg = NotifyConfig.parse({
    channels: { mail: { type: 'email', host: server.host, port: server.port, requireTLS: false, from: 'socdeck <soc@example.com>', to: ['soc-team@example.com', 'lead@example.com'], ...channel } },
  });
  return resolveChannels(cfg, env).get('mail')!;
}

describe('email channel against a local SMTP server', () => {
  it('delivers From, To, Cc, a decoded subject and both parts', async () => {
    const ch = await mailChannel({}, { mention: ['oncall@example.com'] });
    expect(await send(ch, msg('zh-CN', ['oncall@example.com']), NOW, 5000)).toEqual({ ok: true, status: 250 });
    const got = server!.received[0]!;
    expect(got.mailFrom).toBe('soc@example.com');
    expect(got.rcptTo).toEqual(['soc-team@example.com', 'lead@example.com', 'oncall@example.com']);
    const mail = parseMail(got.raw);
    expect(mail.header('from')).toBe('socdeck <soc@example.com>');
    expect(mail.header('to')).toBe('soc-team@example.com, lead@example.com');
    expect(mail.header('cc')).toBe('oncall@example.com');
    expect(mail.header('subject')).toBe('SLA 升级提醒：响应时限已用 80%');
    expect(mail.header('auto-submitted')).toBe('auto-generated');
    expect(mail.header('message-id')).toMatch(/^<socdeck\.[0-9a-f]{32}@example\.com>$/);
    expect(mail.header('references')).toBe(mail.header('in-reply-to'));
    expect(mail.parts.map((p) => p.contentType)).toEqual(['text/plain', 'text/html']);
    expect(mail.parts[0]!.body).toContain('- 事项：advisory adv-7 — CVE-2026-1234 in <openssl>');
    expect(mail.parts[1]!.body).toContain('<li>事项：advisory adv-7 — CVE-2026-1234 in &lt;openssl&gt;</li>');
    expect(mail.parts[1]!.body).toContain('<h3>SLA 升级提醒：响应时限已用 80%</h3>');
  });

  it('authenticates with the user and the password from a 0600 file', async () => {
    const file = join(tempDir(), 'smtp.secret');
    writeFileSync(file, `${PASSWORD}\n`, { mode: 0o600 });
    const ch = await mailChannel({ credentials: { user: 'soc@example.com', pass: PASSWORD } }, { user: 'soc@example.com', password: `file:${file}` });
    expect(await send(ch, msg('en'), NOW, 5000)).toMatchObject({ ok: true });
    expect(server!.auths).toEqual([{ method: expect.stringMatching(/^(PLAIN|LOGIN)$/), username: 'soc@example.com', password: PASSWORD }]);
    expect(server!.received).toHaveLength(1);
  });

  it('a refused login fails for good, and neither error nor summary shows the password, even echoed', async () => {
    // A server that echoes what it got (as some do in their 535 text), plain and base64.
    const echo = `5.7.8 bad credentials ${PASSWORD} ${Buffer.from(PASSWORD).toString('base64')} ${Buffer.from(`\0soc\0${PASSWORD}`).toString('base64')}`;
    const ch = await mailChannel({ credentials: { user: 'soc', pass: 'another-password' }, authFailText: echo }, { user: 'soc', password: 'env:T_SMTP_PASS' }, { T_SMTP_PASS: PASSWORD });
    const out = await send(ch, msg('en'), NOW, 5000);
    expect(out).toMatchObject({ ok: false, status: 535, permanent: true, error: expect.stringMatching(/^EAUTH: .*535/) });
    expect(out.error).not.toContain(PASSWORD);
    expect(out.error).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(JSON.stringify(ch.transport.summary)).not.toContain(PASSWORD);
    expect(ch.transport.summary).toEqual({ server: `127.0.0.1:${server!.port}`, tls: 'if offered', auth: true, recipients: 2 });
  });

  it('with requireTLS (the default) a server without STARTTLS gets neither the password nor the mail', async () => {
    const ch = await mailChannel({ credentials: { user: 'soc', pass: PASSWORD } }, { requireTLS: true, user: 'soc', password: 'env:T_SMTP_PASS' }, { T_SMTP_PASS: PASSWORD });
    const out = await send(ch, msg('en'), NOW, 5000);
    // The relay answers STARTTLS with 500: a configuration that cannot work, so no retries either.
    expect(out).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/^ETLS: .*STARTTLS/) });
    expect(server!.auths).toEqual([]);
    expect(server!.dataAttempts()).toBe(0);
  });

  it('a 4xx answer is a transient failure', async () => {
    const ch = await mailChannel({ onData: () => ({ code: 451, text: '4.3.0 mailbox busy, try again later' }) });
    const out = await send(ch, msg('en'), NOW, 5000);
    expect(out).toMatchObject({ ok: false, status: 451, error: expect.stringContaining('451 4.3.0 mailbox busy') });
    expect(out.permanent).toBeUndefined();
  });

  it('a 5xx answer for every recipient fails for good', async () => {
    const ch = await mailChannel({ onRcpt: () => ({ code: 550, text: '5.1.1 no such user' }) });
    expect(await send(ch, msg('en'), NOW, 5000)).toMatchObject({ ok: false, status: 550, permanent: true, error: expect.stringMatching(/^EENVELOPE: .*550 5\.1\.1 no such user/) });
  });

  it('one refused recipient of two: sent, with a warning naming it', async () => {
    const ch = await mailChannel({ onRcpt: (a) => (a === 'lead@example.com' ? { code: 550, text: '5.1.1 no such user' } : undefined) });
    expect(await send(ch, msg('en'), NOW, 5000)).toEqual({ ok: true, status: 250, warning: 'the server refused lead@example.com' });
    expect(server!.received[0]!.rcptTo).toEqual(['soc-team@example.com']);
  });

  it('a refused connection is a transient failure', async () => {
    const ch = await mailChannel({});
    await server!.close(); // the port is free again: nothing listens there now
    server = undefined;
    const out = await send(ch, msg('en'), NOW, 5000);
    expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(out.permanent).toBeUndefined();
  });

  it('a server that never greets times out after greetingTimeoutMs: a transient failure', async () => {
    silent = createServer(() => {}); // accepts, says nothing
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const cfg = NotifyConfig.parse({ channels: { mail: { type: 'email', host: '127.0.0.1', port, requireTLS: false, from: 'soc@example.com', to: ['a@example.com'], greetingTimeoutMs: 200 } } });
    const started = Date.now();
    const out = await send(resolveChannels(cfg, {}).get('mail')!, msg('en'), NOW, 5000);
    expect(out).toMatchObject({ ok: false, error: expect.stringMatching(/^ETIMEDOUT: /) });
    expect(out.permanent).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe('email channel credentials at start', () => {
  const mail = (password: string) => NotifyConfig.parse({ channels: { mail: { type: 'email', host: 'smtp.example.com', from: 'soc@example.com', to: ['a@example.com'], user: 'soc', password } } });

  it('an unset password variable is a config error naming the key', () => {
    expect(() => resolveChannels(mail('env:T_SMTP_UNSET'), {})).toThrow(/^notify\.channels\.mail\.password: environment variable T_SMTP_UNSET is not set$/);
  });

  it('a password file readable by others is refused', () => {
    const file = join(tempDir(), 'smtp.secret');
    writeFileSync(file, PASSWORD, { mode: 0o600 });
    chmodSync(file, 0o640);
    expect(() => resolveChannels(mail(`file:${file}`), {})).toThrow(/notify\.channels\.mail\.password: secret file .* is mode 640; chmod 600 it/);
  });
});
