import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../../src/daemon/notify/channels/email-message.js';
import { EmailChannelConfig } from '../../../src/daemon/notify/notify-config.js';
import { NotifyTemplate } from '../../../src/daemon/notify/outbox.js';
import { render } from '../../../src/daemon/notify/templates.js';

const CFG = EmailChannelConfig.parse({ type: 'email', host: 'smtp.example.com', from: 'socdeck <SOC@Example.COM>', to: ['a@example.com', 'b@example.com'] });
const NOW = Date.parse('2026-03-10T10:16:00+08:00');
const VARS = {
  kind: 'alert',
  item: 'al-7',
  title: '<b>ET TEST</b>',
  customer: 'acme',
  severity: 'high',
  phase: 'response',
  step: 50,
  dueAt: '2026-03-10T10:30:00+08:00',
  remaining: '14m',
  onDuty: 'alice',
};
const escalation = (step: number, mentions: string[] = []) => render({ template: NotifyTemplate.SlaEscalation, dedupKey: `sla:alert:al-7:response:${step}`, vars: { ...VARS, step } }, 'en', mentions);

describe('composeEmail', () => {
  it('subject from the title; from, to, both bodies from the same markdown; marked auto-generated', () => {
    const mail = composeEmail('mail', CFG, escalation(50), NOW);
    expect(mail).toMatchObject({
      from: 'socdeck <SOC@Example.COM>',
      to: ['a@example.com', 'b@example.com'],
      subject: 'SLA escalation: 50% of the response target used',
      date: new Date(NOW),
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    expect(mail.cc).toBeUndefined();
    expect(mail.text).toContain('- item: alert al-7 — <b>ET TEST</b>');
    expect(mail.html).toContain('<li>item: alert al-7 — &lt;b&gt;ET TEST&lt;/b&gt;</li>');
    expect(mail.html).toContain('<title>SLA escalation: 50% of the response target used</title>');
  });

  it('on-call mentions go on Cc', () => {
    expect(composeEmail('mail', CFG, escalation(80, ['oncall@example.com']), NOW).cc).toEqual(['oncall@example.com']);
  });

  it("the Message-ID is a function of channel and dedup key, in the sender's domain", () => {
    const id = composeEmail('mail', CFG, escalation(50), NOW).messageId;
    expect(id).toMatch(/^<socdeck\.[0-9a-f]{32}@example\.com>$/);
    expect(composeEmail('mail', CFG, escalation(50), NOW + 60_000).messageId).toBe(id); // a retry
    expect(composeEmail('mail', CFG, escalation(80), NOW).messageId).not.toBe(id);
    expect(composeEmail('other', CFG, escalation(50), NOW).messageId).not.toBe(id);
  });

  it('escalations and the breach of one item reference one thread; other items and tests do not', () => {
    const first = composeEmail('mail', CFG, escalation(50), NOW);
    const breach = composeEmail('mail', CFG, render({ template: NotifyTemplate.SlaBreach, dedupKey: 'sla:alert:al-7:response:breach', vars: VARS }, 'zh-CN', []), NOW);
    const other = composeEmail('mail', CFG, render({ template: NotifyTemplate.SlaBreach, dedupKey: 'sla:alert:al-8:response:breach', vars: { ...VARS, item: 'al-8' } }, 'en', []), NOW);
    expect(first.references).toEqual([first.inReplyTo]);
    expect(breach.inReplyTo).toBe(first.inReplyTo);
    expect(other.inReplyTo).not.toBe(first.inReplyTo);
    expect(first.inReplyTo).not.toBe(first.messageId);
    const test = composeEmail('mail', CFG, render({ template: NotifyTemplate.Test, dedupKey: 'test:1', vars: { channel: 'mail' } }, 'en', []), NOW);
    expect(test.inReplyTo).toBeUndefined();
    expect(test.references).toBeUndefined();
  });
});
