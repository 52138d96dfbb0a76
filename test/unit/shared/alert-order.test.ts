import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import { compareQueue, NO_CLOCK, SlaRank, slaKey, type ClockFacts } from '../../../src/shared/alert-order.js';
import { makeAlert } from '../triage/make-alert.js';
import { clock } from '../tui/sla-clock.js';

const entry = (alert: Alert, k?: ClockFacts) => ({ alert, sla: slaKey(k) });

describe('slaKey', () => {
  it.each([
    ['no clock', undefined, SlaRank.None],
    ['a met clock (phase done)', clock('x', 30, { phase: 'done' }), SlaRank.None],
    ['a met clock that had breached', clock('x', -30, { phase: 'done' }), SlaRank.None],
    ['an overdue clock', clock('x', -1), SlaRank.Breached],
    ['an overdue clock, paused since', clock('x', -1, { paused: true }), SlaRank.Breached],
    ['a recorded breach', clock('x', 5, { breached: true }), SlaRank.Breached],
    ['a running clock', clock('x', 5), SlaRank.Running],
    ['a running clock outside business hours', clock('x', 5, { open: false, resumes: 'Mon 10:00' }), SlaRank.Running],
    ['a paused clock', clock('x', 5, { paused: true }), SlaRank.Paused],
  ] as const)('%s ranks %s', (_, k, rank) => {
    expect(slaKey(k).rank).toBe(rank);
  });

  it('gives alerts without a clock one shared key', () => {
    expect(slaKey(undefined)).toBe(NO_CLOCK);
  });

  it('puts a clock whose due time could not be computed last in its rank', () => {
    expect(slaKey(clock('x', 5, { dueAt: '' })).dueMs).toBe(Infinity);
  });
});

describe('compareQueue: SLA urgency, then severity, then time', () => {
  // makeAlert: n % 4 picks low, medium, high, critical; a larger n is seen later.
  const low = makeAlert(0);
  const critical = makeAlert(3);
  const criticalLater = makeAlert(7);

  it.each([
    ['the more overdue of two breaches', entry(low, clock(low.id, -30)), entry(critical, clock(critical.id, -5))],
    ['a breach before a running clock', entry(low, clock(low.id, -1)), entry(critical, clock(critical.id, 1))],
    ['a recorded breach before an overdue clock the daemon has not checked yet', entry(low, clock(low.id, 5, { breached: true })), entry(critical, clock(critical.id, 1))],
    ['the sooner due before the later', entry(low, clock(low.id, 10)), entry(critical, clock(critical.id, 50))],
    ['a running clock before a paused one', entry(low, clock(low.id, 50)), entry(critical, clock(critical.id, 1, { paused: true }))],
    ['a paused clock before a met one', entry(low, clock(low.id, 50, { paused: true })), entry(critical, clock(critical.id, 1, { phase: 'done' }))],
    ['a paused clock before none', entry(low, clock(low.id, 50, { paused: true })), entry(critical)],
    ['without clocks, the more severe', entry(critical), entry(low)],
    ['with clocks due at the same time, the more severe', entry(critical, clock(critical.id, 10)), entry(low, clock(low.id, 10))],
    ['at equal severity, the most recently seen', entry(criticalLater), entry(critical)],
  ])('puts %s first', (_, first, second) => {
    expect(compareQueue(first, second)).toBeLessThan(0);
    expect(compareQueue(second, first)).toBeGreaterThan(0);
  });

  it('breaks a full tie by id, so the order is total and stable', () => {
    const twin = { ...low, id: 'a99999' };
    expect(compareQueue(entry(low, clock(low.id, 10)), entry(twin, clock(twin.id, 10)))).toBeLessThan(0);
    expect(compareQueue(entry(twin, clock(twin.id, 10)), entry(low, clock(low.id, 10)))).toBeGreaterThan(0);
  });

  it('orders two clocks without a due time by severity rather than leaving them unordered', () => {
    expect(compareQueue(entry(critical, clock(critical.id, 5, { dueAt: '' })), entry(low, clock(low.id, 5, { dueAt: '' })))).toBeLessThan(0);
  });
});
