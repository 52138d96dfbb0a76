import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startTestDaemon } from '../../support/daemon.js';
import { quiet, startReceiver, stopAfterEach } from './sla-harness.js';

const SECRET = 'SECdingtalk-test-secret-0123456789';
const track = stopAfterEach(['SOCDECK_TEST_DING_SECRET']);
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

describe('notify.test (what `socdeck notify test <channel>` calls)', () => {
  it('sends a signed test message now and reports the vendor answer', async () => {
    process.env.SOCDECK_TEST_DING_SECRET = SECRET;
    receiver = track(
      await startReceiver((r) => {
        const u = new URL(r.url, 'http://x');
        const ts = u.searchParams.get('timestamp')!;
        const ok = u.searchParams.get('sign') === createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
        return { status: 200, body: JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }) };
      }),
    );
    const td = track(
      await startTestDaemon({
        configOverrides: quiet({ notify: { channels: { ding: { type: 'dingtalk', url: `${receiver.url}/robot/send?access_token=t0k3n`, secret: 'env:SOCDECK_TEST_DING_SECRET' } } } }),
      }),
    );
    const c = await td.connect('alice');
    expect(await c.request('notify.test', { channel: 'ding', lang: 'en' })).toEqual({ channel: 'ding', type: 'dingtalk', ok: true, status: 200 });
    expect((JSON.parse(receiver.received[0]!.body) as { markdown: { title: string } }).markdown.title).toBe('socdeck test message');
    await expect(c.request('notify.test', { channel: 'nope' })).rejects.toThrow(/no notify channel "nope" \(configured: ding\)/);
    // Who sent a message to a customer's channel is audited; the refused request left nothing.
    const { entries } = await c.request('audit.list', { action: 'notify.test' });
    expect(entries.map((e) => [e.actor, e.target, e.after])).toEqual([['alice', { kind: 'channel', id: 'ding' }, { ok: true }]]);
  });

  it('a channel whose secret variable is unset stops the daemon from starting, naming the key', async () => {
    await expect(
      startTestDaemon({
        configOverrides: quiet({ notify: { channels: { ding: { type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'env:SOCDECK_TEST_UNSET_VAR' } } } }),
      }),
    ).rejects.toThrow(/notify\.channels\.ding\.secret: environment variable SOCDECK_TEST_UNSET_VAR is not set/);
  });
});
