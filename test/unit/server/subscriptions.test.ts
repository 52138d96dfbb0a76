import { describe, expect, it } from 'vitest';
import type { QueueSource } from '../../../src/daemon/queue-source.js';
import { AlertSubscriptions, TIME_RELATIVE_BOUND_MS, type SubscribeRequest, type SubscriptionSink } from '../../../src/daemon/server/subscriptions.js';
import type { Alert } from '../../../src/shared/alert.js';
import type { ClockFacts } from '../../../src/shared/alert-order.js';
import { SocdeckError } from '../../../src/shared/errors.js';
import type { EventParams } from '../../../src/shared/protocol.js';
import { makeAlert } from '../triage/make-alert.js';

const T0 = Date.parse('2026-01-10T12:00:00Z');

/** The daemon state a subscription reads, in memory: alerts at slots, SLA clocks, one suppression predicate. */
function world(alerts: Alert[]) {
  const ids: string[] = [];
  const bySlot: (Alert | undefined)[] = [];
  const slotOf = (id: string) => {
    const i = ids.indexOf(id);
    if (i >= 0) return i;
    ids.push(id);
    bySlot.push(undefined);
    return ids.length - 1;
  };
  const clocks = new Map<string, ClockFacts>();
  const state = { now: T0, rule: undefined as ((a: Alert) => boolean) | undefined };
  const source: QueueSource = {
    now: () => state.now,
    total: () => bySlot.filter(Boolean).length,
    slots: () => bySlot,
    slotOf,
    idAt: (slot) => ids[slot]!,
    clockFacts: (a) => clocks.get(a.id),
    visibility: () => ({ epoch: state.rule ? 'rule' : '', timeRelative: false, suppressed: (a) => state.rule?.(a) ?? false }),
  };
  const put = (a: Alert) => void (bySlot[slotOf(a.id)] = a);
  alerts.forEach(put);
  return { put, remove: (id: string) => void (bySlot[slotOf(id)] = undefined), clocks, state, source };
}

function sink(congested = () => false) {
  const sent: { event: string; params: Record<string, unknown> }[] = [];
  const s: SubscriptionSink = { send: (event, params) => void sent.push({ event, params: params as Record<string, unknown> }), congested, changed: () => {} };
  const deltas = () => sent.filter((e) => e.event === 'alerts.changed').map((e) => e.params as EventParams<'alerts.changed'>);
  return { s, sent, deltas };
}

const req = (over: Partial<SubscribeRequest> = {}): SubscribeRequest => ({ limit: 100, ...over });

describe('AlertSubscriptions', () => {
  it('snapshots only what matches the filter, in queue order, and counts all that matched', () => {
    // hosts web-00, web-01, web-02 in turn; severities low, medium, high, critical in turn
    const w = world(Array.from({ length: 12 }, (_, i) => makeAlert(i)));
    const subs = new AlertSubscriptions(sink().s, w.source);
    const snap = subs.open(req({ filter: 'host:web-01', limit: 2 }), 'alice');
    // web-01: a00001 medium, a00004 low, a00007 critical, a00010 high
    expect(snap.alerts.map((a) => a.id)).toEqual(['a00007', 'a00010']);
    expect(snap).toMatchObject({ seq: 0, total: 12, matched: 4, hidden: { suppressed: 0, snoozed: 0 } });
  });

  it('keeps an old low alert with an overdue clock when the snapshot limit cuts the rest', () => {
    const alerts = Array.from({ length: 50 }, (_, i) => makeAlert(i, { severity: i === 0 ? 'low' : 'critical' }));
    const w = world(alerts);
    const overdue: ClockFacts = { phase: 'response', paused: false, breached: true, dueAt: new Date(T0 - 3_600_000).toISOString() };
    w.clocks.set('a00000', overdue);
    const snap = new AlertSubscriptions(sink().s, w.source).open(req({ limit: 5 }), 'alice');
    expect(snap.alerts[0]!.id).toBe('a00000');
    expect(snap.alerts).toHaveLength(5);
    expect(snap.matched).toBe(50);
    // The clock travels with the alert, so the client orders by what the daemon chose by.
    expect(snap.clocks).toEqual({ a00000: overdue });
  });

  it('refuses a filter that does not parse with invalid_params naming the column', () => {
    const subs = new AlertSubscriptions(sink().s, world([]).source);
    let err: unknown;
    try {
      subs.open(req({ filter: 'host:web-01 sev>=hgh' }), 'alice');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SocdeckError);
    expect(err).toMatchObject({ code: 'invalid_params', details: { field: 'filter', column: 18 } });
    expect((err as Error).message).toContain('column 18: unknown severity');
    expect(subs.size).toBe(0);
  });

  it('resolves assignee:me to the subscriber', () => {
    const w = world([makeAlert(1, { assignee: 'alice' }), makeAlert(2, { assignee: 'bob' })]);
    const subs = new AlertSubscriptions(sink().s, w.source);
    expect(subs.open(req({ filter: 'assignee:me' }), 'bob').alerts.map((a) => a.id)).toEqual(['a00002']);
  });

  it('sends an alert that stops matching as a removal and one that starts matching as an add, with the new count', () => {
    const w = world([makeAlert(1), makeAlert(4)]);
    const { s, deltas } = sink();
    const subs = new AlertSubscriptions(s, w.source);
    subs.open(req({ filter: 'state:new' }), 'alice');
    subs.onUpserted([{ ...makeAlert(1), state: 'acknowledged' }]);
    subs.flush();
    subs.onUpserted([makeAlert(7), { ...makeAlert(4), count: 3 }]);
    subs.flush();
    expect(deltas().map((d) => ({ seq: d.seq, up: d.upserts.map((a) => a.id), removed: d.removed, matched: d.matched }))).toEqual([
      { seq: 1, up: [], removed: ['a00001'], matched: 1 },
      { seq: 2, up: ['a00007', 'a00004'], removed: [], matched: 2 },
    ]);
  });

  it('coalesces repeated changes to one alert into one delta; no changes, no delta', () => {
    const { s, deltas } = sink();
    const subs = new AlertSubscriptions(s, world([]).source);
    subs.open(req(), 'alice');
    subs.onUpserted([makeAlert(1)]);
    subs.onUpserted([{ ...makeAlert(1), count: 5 }]);
    subs.flush();
    subs.flush();
    expect(deltas().map((d) => [d.seq, d.upserts.map((a) => `${a.id}:${a.count}`)])).toEqual([[1, ['a00001:5']]]);
  });

  it('hides snoozed and suppressed alerts as removals and counts them; is:snoozed asks for snoozed ones', () => {
    const w = world([makeAlert(1), makeAlert(2)]);
    const { s, deltas } = sink();
    const subs = new AlertSubscriptions(s, w.source);
    subs.open(req(), 'alice');
    const snoozed = { ...makeAlert(1), snoozedUntil: new Date(T0 + 3_600_000).toISOString() };
    subs.onUpserted([snoozed]);
    w.put(snoozed);
    subs.flush();
    expect(deltas().at(-1)).toMatchObject({ removed: ['a00001'], matched: 1, hidden: { snoozed: 1, suppressed: 0 } });

    // A new rule is picked up by the next reevaluate tick, without any alert changing.
    w.state.rule = (a) => a.id === 'a00002';
    subs.reevaluate();
    subs.flush();
    expect(deltas().at(-1)).toMatchObject({ removed: ['a00002'], matched: 0, hidden: { snoozed: 1, suppressed: 1 } });

    expect(subs.open(req({ filter: 'is:snoozed' }), 'alice').alerts.map((a) => a.id)).toEqual(['a00001']);
  });

  it('re-evaluates a time-relative filter within the bound, so age<1h does not go stale', () => {
    const fresh = makeAlert(1, { firstSeen: new Date(T0 - 50 * 60_000).toISOString() });
    const w = world([fresh, makeAlert(2, { firstSeen: new Date(T0 - 2 * 3_600_000).toISOString() })]);
    const { s, deltas } = sink();
    const subs = new AlertSubscriptions(s, w.source);
    expect(subs.open(req({ filter: 'age<1h' }), 'alice').alerts.map((a) => a.id)).toEqual(['a00001']);
    w.state.now += 11 * 60_000;
    subs.reevaluate();
    subs.flush();
    expect(deltas().at(-1)).toMatchObject({ upserts: [], removed: ['a00001'], matched: 0 });
  });

  it('places alerts again only when due: a time-relative filter at the bound, a filter without time terms never', () => {
    const w = world([makeAlert(1), makeAlert(2)]);
    const timed = sink();
    const plain = sink();
    const timedSubs = new AlertSubscriptions(timed.s, w.source);
    const plainSubs = new AlertSubscriptions(plain.s, w.source);
    timedSubs.open(req({ filter: 'age<1000d' }), 'alice');
    plainSubs.open(req({ filter: 'host:web-*' }), 'alice');
    // Gone from the store without an event: only a full evaluation notices.
    w.remove('a00001');
    w.state.now += TIME_RELATIVE_BOUND_MS - 1;
    timedSubs.reevaluate();
    timedSubs.flush();
    expect(timed.deltas()).toEqual([]);
    w.state.now += 1;
    for (const subs of [timedSubs, plainSubs]) {
      subs.reevaluate();
      subs.flush();
    }
    expect(timed.deltas().map((d) => d.removed)).toEqual([['a00001']]);
    expect(plain.deltas()).toEqual([]);
  });

  it('resets a congested client instead of queueing more for it', () => {
    const { s, sent } = sink(() => true);
    const subs = new AlertSubscriptions(s, world([]).source);
    const { subscription } = subs.open(req(), 'alice');
    subs.onUpserted([makeAlert(1)]);
    subs.flush();
    expect(sent).toEqual([{ event: 'subscription.reset', params: { subscription, reason: expect.stringContaining('slow') } }]);
    expect(subs.size).toBe(0);
  });
});
