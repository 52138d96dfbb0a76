import { describe, expect, it } from 'vitest';
import { NotifyConfig } from '../../../src/daemon/notify/notify-config.js';

const BASE = { type: 'email', host: 'smtp.example.com', from: 'socdeck <soc@example.com>', to: ['soc-team@example.com'] };

/** What the daemon prints for a bad config: `key.path: message`, one per issue. */
function problems(mail: Record<string, unknown>): string[] {
  const r = NotifyConfig.safeParse({ channels: { mail } });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('email channel config', () => {
  it('fills in the defaults: STARTTLS required, 10 s / 10 s / 30 s timeouts, no Cc, 20 per minute', () => {
    expect(NotifyConfig.parse({ channels: { mail: BASE } }).channels.mail).toEqual({
      ...BASE,
      secure: false,
      requireTLS: true,
      mention: [],
      connectionTimeoutMs: 10_000,
      greetingTimeoutMs: 10_000,
      socketTimeoutMs: 30_000,
      ratePerMinute: 20,
    });
  });

  it('takes every documented key', () => {
    const full = {
      ...BASE,
      port: 465,
      secure: true,
      requireTLS: false,
      mention: ['oncall@example.com'],
      user: 'soc@example.com',
      password: 'file:/etc/socdeck/smtp.secret',
      connectionTimeoutMs: 500,
      greetingTimeoutMs: 500,
      socketTimeoutMs: 500,
      ratePerMinute: 5,
      lang: 'en',
    };
    expect(NotifyConfig.parse({ channels: { mail: full } }).channels.mail).toEqual(full);
  });

  // Each bad value is reported under the key that holds it.
  it.each([
    ['no host', { host: undefined }, /^channels\.mail\.host: /],
    ['empty host', { host: '' }, /^channels\.mail\.host: /],
    ['port out of range', { port: 70_000 }, /^channels\.mail\.port: /],
    ['a from that is no address', { from: 'soc desk' }, /^channels\.mail\.from: an address like soc@example\.com/],
    ['a header injected through from', { from: 'x <soc@example.com>\r\nBcc: all@example.com' }, /^channels\.mail\.from: /],
    ['no recipients', { to: [] }, /^channels\.mail\.to: /],
    ['a bad recipient', { to: ['ok@example.com', 'not-an-address'] }, /^channels\.mail\.to\.1: an address like/],
    ['a bad on-call address', { mention: ['13800000000'] }, /^channels\.mail\.mention\.0: an address like/],
    ['an inline password', { user: 'soc', password: 'hunter2hunter2' }, /^channels\.mail\.password: give secrets as env:NAME or file:/],
    ['a user without its password', { user: 'soc' }, /^channels\.mail\.password: a user needs its password/],
    ['a password without its user', { password: 'env:SMTP_PASS' }, /^channels\.mail\.user: a password needs its user/],
    ['a timeout below 100 ms', { greetingTimeoutMs: 10 }, /^channels\.mail\.greetingTimeoutMs: /],
    ['a bot key on a mail channel', { url: 'https://example.com' }, /^channels\.mail: Unrecognized key: "url"/],
  ])('%s is refused, naming the key', (_what, change, expected) => {
    const found = problems({ ...BASE, ...change });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(expected);
  });

  it('an unknown channel type names the type key and lists the known ones', () => {
    expect(problems({ type: 'pager' })[0]).toMatch(/^channels\.mail\.type: .*'email'/);
  });

  it('the HTTP channels are unchanged: an email key on a bot is refused', () => {
    expect(problems({ type: 'slack', url: 'env:SLACK_URL', host: 'smtp.example.com' })[0]).toBe('channels.mail: Unrecognized key: "host"');
  });
});
