import { createHmac } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveChannels, send } from '../../../src/daemon/notify/channel-set.js';
import { NotifyConfig } from '../../../src/daemon/notify/notify-config.js';
import { NotifyTemplate } from '../../../src/daemon/notify/outbox.js';
import { resolveSecret } from '../../../src/daemon/notify/secrets.js';
import { render } from '../../../src/daemon/notify/templates.js';
import { tempDir } from '../../support/daemon.js';
import { startReceiver, type Received } from './sla-harness.js';

const SECRET = 'SEC0123456789abcdef0123456789abcdef';
const NOW = Date.parse('2026-03-10T10:16:00+08:00');
const VARS = {
  kind: 'advisory',
  item: 'adv-7',
  title: 'CVE-2026-1234 in openssl',
  customer: 'acme',
  severity: 'high',
  phase: 'response',
  step: 80,
  dueAt: '2026-03-10T10:30:00+08:00',
  remaining: '14m',
  policy: 'intel-30m',
  onDuty: 'alice',
};

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** Each vendor's documented success answer, given only when the request verifies. */
function vendor(r: Received): { status: number; body: string } {
  const u = new URL(r.url, 'http://x');
  const body = JSON.parse(r.body) as Record<string, unknown>;
  if (u.pathname === '/robot/send') {
    // DingTalk: sign = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))).
    const ts = u.searchParams.get('timestamp')!;
    const expected = createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
    const ok = u.searchParams.get('sign') === expected && u.searchParams.get('access_token') === 'dt-token';
    return { status: 200, body: JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }) };
  }
  if (u.pathname.startsWith('/open-apis/bot/v2/hook/')) {
    // Feishu: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")).
    const expected = createHmac('sha256', `${String(body.timestamp)}\n${SECRET}`)
      .update('')
      .digest('base64');
    return { status: 200, body: JSON.stringify(body.sign === expected ? { code: 0, msg: 'success' } : { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' }) };
  }
  if (u.pathname === '/cgi-bin/webhook/send')
    return { status: 200, body: JSON.stringify(u.searchParams.get('key') === 'wc-key' ? { errcode: 0, errmsg: 'ok' } : { errcode: 93000, errmsg: 'invalid webhook url' }) };
  if (u.pathname.startsWith('/services/')) return { status: 200, body: 'ok' };
  return { status: 404, body: 'no such hook' };
}

async function channels(env: Record<string, string>) {
  receiver = await startReceiver(vendor);
  const base = receiver.url;
  const cfg = NotifyConfig.parse({
    channels: {
      ding: { type: 'dingtalk', url: `${base}/robot/send?access_token=dt-token`, secret: 'env:T_SECRET', mention: ['13800000000'] },
      lark: { type: 'feishu', url: `${base}/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`, secret: 'env:T_SECRET', mention: ['ou_abc'] },
      wc: { type: 'wecom', url: 'env:T_WECOM_URL', mention: ['zhangsan'] },
      sl: { type: 'slack', url: `${base}/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX`, lang: 'en' },
      bad: { type: 'dingtalk', url: `${base}/robot/send?access_token=dt-token`, secret: 'env:T_WRONG' },
    },
  });
  return resolveChannels(cfg, { T_SECRET: SECRET, T_WRONG: 'not-the-secret-at-all', T_WECOM_URL: `${base}/cgi-bin/webhook/send?key=wc-key`, ...env });
}

const msg = (lang: 'zh-CN' | 'en', mentions: string[]) => render({ template: NotifyTemplate.SlaEscalation, dedupKey: 'sla:advisory:adv-7:response:80', vars: VARS }, lang, mentions);

describe('notification channels against local vendor stand-ins', () => {
  it('DingTalk: signed URL verifies; markdown with @mobile', async () => {
    const ch = (await channels({})).get('ding')!;
    expect(await send(ch, msg('zh-CN', ['13800000000']), NOW, 5000)).toEqual({ ok: true, status: 200 });
    const body = JSON.parse(receiver!.received[0]!.body) as { msgtype: string; markdown: { title: string; text: string }; at: { atMobiles: string[] } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('SLA 升级提醒：响应时限已用 80%');
    expect(body.markdown.text).toContain('@13800000000');
    expect(body.at.atMobiles).toEqual(['13800000000']);
    expect(new URL(receiver!.received[0]!.url, 'http://x').searchParams.get('timestamp')).toBe(String(NOW));
  });

  it('DingTalk with the wrong secret is refused, and the error names no secret', async () => {
    const ch = (await channels({})).get('bad')!;
    const out = await send(ch, msg('en', []), NOW, 5000);
    expect(out).toMatchObject({ ok: false, error: 'errcode 310000: sign not match' });
  });

  it('Feishu: body signature verifies; card markdown with the mention', async () => {
    const ch = (await channels({})).get('lark')!;
    expect(await send(ch, msg('en', ['ou_abc']), NOW, 5000)).toEqual({ ok: true, status: 200 });
    const body = JSON.parse(receiver!.received[0]!.body) as { timestamp: string; msg_type: string; card: { elements: { content: string }[] } };
    expect(body.timestamp).toBe(String(Math.floor(NOW / 1000)));
    expect(body.msg_type).toBe('interactive');
    expect(body.card.elements[0]!.content).toContain('<at id=ou_abc></at>');
  });

  it('WeCom: markdown message with <@user> mention; URL taken from the environment', async () => {
    const ch = (await channels({})).get('wc')!;
    expect(await send(ch, msg('zh-CN', ['zhangsan']), NOW, 5000)).toEqual({ ok: true, status: 200 });
    const body = JSON.parse(receiver!.received[0]!.body) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toMatch(/^### SLA 升级提醒/);
    expect(body.markdown.content).toContain('- 事项：advisory adv-7 — CVE-2026-1234 in openssl');
    expect(body.markdown.content).toContain('<@zhangsan>');
  });

  it('Slack: mrkdwn text in English', async () => {
    const ch = (await channels({})).get('sl')!;
    expect(await send(ch, msg('en', []), NOW, 5000)).toEqual({ ok: true, status: 200 });
    const body = JSON.parse(receiver!.received[0]!.body) as { text: string };
    expect(body.text.split('\n')[0]).toBe('*SLA escalation: 80% of the response target used*');
  });

  it('an HTTP 4xx fails for good; a vendor error code inside a 200 stays retryable', async () => {
    const ch = await channels({});
    const gone = resolveChannels(NotifyConfig.parse({ channels: { hook: { type: 'webhook', url: `${receiver!.url}/no/such/hook` } } }), {}).get('hook')!;
    expect(await send(gone, msg('en', []), NOW, 5000)).toMatchObject({ ok: false, status: 404, permanent: true });
    expect(await send(ch.get('bad')!, msg('en', []), NOW, 5000)).toMatchObject({ ok: false, status: 200 });
    expect((await send(ch.get('bad')!, msg('en', []), NOW, 5000)).permanent).toBeUndefined();
  });

  it('an unreachable endpoint is a failed send whose error hides the URL token', async () => {
    const cfg = NotifyConfig.parse({ channels: { gone: { type: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=very-secret-wecom-key' } } });
    const out = await send(resolveChannels(cfg, {}).get('gone')!, msg('en', []), NOW, 2000);
    expect(out.ok).toBe(false);
    expect(out.error).not.toContain('very-secret-wecom-key');
  });
});

describe('channel secrets', () => {
  it('come from env or a 0600 file; a wider file mode or a missing variable is a config error', () => {
    const dir = tempDir();
    const file = join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`, { mode: 0o600 });
    expect(resolveSecret(`file:${file}`, 'notify.channels.x.secret')).toBe(SECRET);
    chmodSync(file, 0o644);
    expect(() => resolveSecret(`file:${file}`, 'notify.channels.x.secret')).toThrow(/notify\.channels\.x\.secret: secret file .* is mode 644; chmod 600 it/);
    expect(() => resolveSecret('env:NOPE_NOT_SET', 'notify.channels.x.secret', {})).toThrow(/environment variable NOPE_NOT_SET is not set/);
  });

  it('an inline secret is refused by the config schema', () => {
    const r = NotifyConfig.safeParse({ channels: { d: { type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SECabc' } } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/env:NAME or file:/);
  });
});
