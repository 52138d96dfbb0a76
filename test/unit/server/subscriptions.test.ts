import { describe, expect, it } from 'vitest';
import { AlertSubscriptions, type SubscriptionSink } from '../../../src/daemon/server/subscriptions.js';
import type { Alert } from '../../../src/shared/alert.js';

function alert(id: string, severity: Alert['severity'], lastSeen = '2026-01-01T00:00:00.000Z'): Alert {
  return { id, fingerprint: id, customer: 'default', source: 's', product: 'p', ruleId: 'r', title: id, severity, time: lastSeen, mitre: [], tags: [], raw: '{}', rawLength: 2, firstSeen: lastSeen, lastSeen, count: 1, state: 'new', rev: 0 };
}

function sink(congested = () => false) {
  const sent: { event: string; params: Record<string, unknown> }[] = [];
  const s: SubscriptionSink = { send: (event, params) => void sent.push({ event, params: params as Record<string, unknown> }), congested };
  return { s, sent };
}

describe('AlertSubscriptions', () => {
  it('snapshots in urgency order and filters by the query', () => {
    const { s } = sink();
    const subs = new AlertSubscriptions(s, () => 3);
    const snap = subs.open({ minSeverity: 'medium' }, [alert('a', 'low'), alert('b', 'high'), alert('c', 'critical')], 10);
    expect(snap.alerts.map((a) => a.id)).toEqual(['c', 'b']);
    expect(snap.seq).toBe(0);
  });

  it('coalesces repeated changes to one alert into one delta with the next sequence number', () => {
    const { s, sent } = sink();
    const subs = new AlertSubscriptions(s, () => 1);
    subs.open({}, [], 10);
    subs.onUpserted([alert('a', 'low')]);
    subs.onUpserted([{ ...alert('a', 'low'), count: 5 }]);
    subs.flush();
    subs.flush();
    subs.onUpserted([alert('b', 'low')]);
    subs.flush();
    expect(sent.map((e) => [e.event, e.params.seq, (e.params.upserts as Alert[]).map((a) => `${a.id}:${a.count}`)])).toEqual([
      ['alerts.changed', 1, ['a:5']],
      ['alerts.changed', 2, ['b:1']],
    ]);
  });

  it('resets a congested client instead of queueing more for it', () => {
    const { s, sent } = sink(() => true);
    const subs = new AlertSubscriptions(s, () => 1);
    const { subscription } = subs.open({}, [], 10);
    subs.onUpserted([alert('a', 'low')]);
    subs.flush();
    expect(sent).toEqual([{ event: 'subscription.reset', params: { subscription, reason: expect.stringContaining('slow') } }]);
    expect(subs.size).toBe(0);
  });
});
