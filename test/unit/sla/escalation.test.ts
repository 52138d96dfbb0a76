import { describe, expect, it } from 'vitest';
import { applyObservation, newClock, withDueTimes } from '../../../src/daemon/sla/clock-record.js';
import { escalate } from '../../../src/daemon/sla/escalation.js';
import { cn, obs, policy, t } from './sla-fixtures.js';

const p = policy();
const started = () => withDueTimes(newClock(obs('new', '2026-03-10T10:00:00+08:00'), p, cn), cn);

describe('escalate', () => {
  it('fires nothing before the first step', () => {
    const out = escalate(started(), p, cn, t('2026-03-10T10:14:00+08:00'), 'duty');
    expect(out.fired).toEqual([]);
    expect(out.notifications).toEqual([]);
  });

  it('a late check fires every due step once, lowest first, and records the breach', () => {
    const out = escalate(started(), p, cn, t('2026-03-10T14:10:00+08:00'), 'duty'); // 130 business minutes
    expect(out.fired).toEqual([
      { phase: 'response', at: 50 },
      { phase: 'response', at: 80 },
      { phase: 'response', at: 100, raisedTo: 'critical' },
    ]);
    expect(out.notifications.map((n) => `${n.channel}:${n.vars.step}:${n.mention}:${n.template}`)).toEqual([
      'wecom:50:false:sla.escalation',
      'wecom:80:true:sla.escalation',
      'ding:80:true:sla.escalation',
      'ding:100:true:sla.breach',
    ]);
    expect(out.breaches).toEqual([expect.objectContaining({ phase: 'response', dueAt: '2026-03-10T10:30:00+08:00', onDuty: 'duty', severity: 'high' })]);
    expect(out.rec.raisedSeverity).toBe('critical');

    const again = escalate(out.rec, p, cn, t('2026-03-10T16:00:00+08:00'), 'duty');
    expect(again.fired).toEqual([]);
    expect(again.breaches).toEqual([]);
    expect(again.rec).toBe(out.rec);
  });

  it('a paged clock fires every step up to 100 % at once, as escalations, without a breach', () => {
    const paged = { ...started(), pagedAt: '2026-03-10T10:01:00+08:00' };
    const out = escalate(paged, p, cn, t('2026-03-10T10:01:00+08:00'), 'duty');
    expect(out.fired.map((f) => f.at)).toEqual([50, 80, 100]);
    expect(out.notifications.map((n) => `${n.channel}:${n.vars.step}:${n.template}`)).toEqual([
      'wecom:50:sla.escalation',
      'wecom:80:sla.escalation',
      'ding:80:sla.escalation',
      'ding:100:sla.escalation',
    ]);
    expect(out.breaches).toEqual([]);
    // The breach still comes when the time is really up, and the steps do not fire twice.
    const late = escalate(out.rec, p, cn, t('2026-03-10T10:31:00+08:00'), 'duty');
    expect(late.fired).toEqual([]);
    expect(late.breaches).toHaveLength(1);
  });

  it('names the assignee as the actor on duty', () => {
    const rec = { ...started(), assignee: 'alice' };
    expect(escalate(rec, p, cn, t('2026-03-10T10:31:00+08:00'), 'duty').breaches[0]?.onDuty).toBe('alice');
  });

  it('a paused clock fires no steps', () => {
    const paused = applyObservation(started(), obs('waiting_customer', '2026-03-10T10:05:00+08:00'), p, cn)!;
    expect(escalate(paused, p, cn, t('2026-03-11T10:00:00+08:00'), 'duty').fired).toEqual([]);
  });

  it('an answer after the due time is a breach, recorded when the answer arrives', () => {
    const late = applyObservation(started(), obs('acknowledged', '2026-03-10T10:40:00+08:00'), p, cn)!;
    const out = escalate(late, p, cn, t('2026-03-10T10:40:00+08:00'), 'duty');
    expect(out.breaches.map((b) => b.phase)).toEqual(['response']);
    expect(out.fired).toEqual([]);
  });

  it('dedup keys are stable per clock, phase and step', () => {
    const out = escalate(started(), p, cn, t('2026-03-10T10:16:00+08:00'), 'duty');
    expect(out.notifications.map((n) => n.dedupKey)).toEqual(['sla:advisory:adv-1:response:50']);
  });
});
