import { describe, expect, it } from 'vitest';
import { applyObservation, newClock, withDueTimes } from '../../../src/daemon/sla/clock-record.js';
import { isoWeekOf, slaMetrics } from '../../../src/daemon/sla/metrics.js';
import { cn, obs, policy } from './sla-fixtures.js';

const p = policy();
function clock(id: string, start: string, ack?: string, resolve?: string, severity: 'high' | 'low' = 'high') {
  let rec = withDueTimes(newClock(obs('new', start, { id, severity }), p, cn), cn);
  if (ack) rec = applyObservation(rec, obs('acknowledged', ack, { id, severity }), p, cn)!;
  if (resolve) rec = applyObservation(rec, obs('resolved', resolve, { id, severity }), p, cn)!;
  return rec;
}

describe('slaMetrics', () => {
  it('groups by ISO week (Beijing time), kind and severity, with wall and business means', () => {
    const clocks = [
      clock('a', '2026-03-10T11:50:00+08:00', '2026-03-10T14:10:00+08:00', '2026-03-11T10:00:00+08:00'),
      clock('b', '2026-03-11T10:00:00+08:00', '2026-03-11T10:10:00+08:00'),
      clock('c', '2026-03-16T10:00:00+08:00', undefined, undefined, 'low'),
    ];
    const rows = slaMetrics(clocks, new Map([['cn', cn]]));
    expect(rows).toEqual([
      {
        week: '2026-W11',
        kind: 'advisory',
        severity: 'high',
        started: 2,
        responded: 2,
        resolved: 1,
        mttaMinutes: (140 + 10) / 2,
        mttaBusinessMinutes: (20 + 10) / 2,
        mttrMinutes: 1330,
        mttrBusinessMinutes: 190,
        responseBreaches: 0,
        resolutionBreaches: 0,
      },
      { week: '2026-W12', kind: 'advisory', severity: 'low', started: 1, responded: 0, resolved: 0, responseBreaches: 0, resolutionBreaches: 0 },
    ]);
  });

  it('ISO weeks follow the calendar zone across New Year', () => {
    expect(isoWeekOf(Date.parse('2025-12-31T23:30:00+08:00'), 'Asia/Shanghai')).toBe('2026-W01');
    expect(isoWeekOf(Date.parse('2026-12-31T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-W53');
  });

  it('filters by customer and start range', () => {
    const clocks = [clock('a', '2026-03-10T11:50:00+08:00')];
    expect(slaMetrics(clocks, new Map(), { customer: 'other' })).toEqual([]);
    expect(slaMetrics(clocks, new Map(), { from: '2026-03-11T00:00:00+08:00' })).toEqual([]);
  });
});
