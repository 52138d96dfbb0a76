import { describe, expect, it } from 'vitest';
import { daysOf, lastCompletePeriod, parsePeriod, previousPeriod } from '../../../src/daemon/reports/time/period.js';

const iso = (t: number) => new Date(t).toISOString();

describe('reporting periods in the customer time zone', () => {
  it.each([
    ['week', '2026-W47', 'Asia/Shanghai', '2026-11-15T16:00:00.000Z', '2026-11-22T16:00:00.000Z'],
    ['week', '2026-W01', 'Asia/Shanghai', '2025-12-28T16:00:00.000Z', '2026-01-04T16:00:00.000Z'],
    ['week', '2026-W53', 'UTC', '2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z'],
    ['month', '2026-11', 'Asia/Shanghai', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['month', '2026-03', 'Europe/Berlin', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ['quarter', '2026-Q4', 'Asia/Shanghai', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ] as const)('%s %s in %s', (kind, label, tz, start, end) => {
    const p = parsePeriod(kind, label, tz);
    expect([p.label, iso(p.start), iso(p.end)]).toEqual([label, start, end]);
  });

  it.each([
    ['week', '2025-W53'],
    ['week', '2026-47'],
    ['month', '2026-13'],
    ['quarter', '2026-Q5'],
  ] as const)('refuses %s "%s" with an example of the right form', (kind, label) => {
    expect(() => parsePeriod(kind, label, 'UTC')).toThrow(/expected a .* like/);
  });

  it('a run on Monday 09:00 Shanghai reports on the week before', () => {
    const monday9 = Date.parse('2026-11-23T01:00:00Z');
    expect(lastCompletePeriod('week', monday9, 'Asia/Shanghai').label).toBe('2026-W47');
    expect(lastCompletePeriod('month', Date.parse('2026-12-01T01:00:00Z'), 'Asia/Shanghai').label).toBe('2026-11');
    expect(lastCompletePeriod('quarter', Date.parse('2027-01-01T01:00:00Z'), 'Asia/Shanghai').label).toBe('2026-Q4');
  });

  it('steps back across a year boundary', () => {
    expect(previousPeriod(parsePeriod('week', '2026-W01', 'UTC')).label).toBe('2025-W52');
    expect(previousPeriod(parsePeriod('month', '2026-01', 'UTC')).label).toBe('2025-12');
  });

  it('lists local midnights, keeping DST days whole', () => {
    const march = parsePeriod('month', '2026-03', 'Europe/Berlin');
    const days = daysOf(march);
    expect(days).toHaveLength(31);
    // 2026-03-29 is 23 hours long in Berlin.
    expect(days[29]! - days[28]!).toBe(23 * 3_600_000);
    expect(daysOf(parsePeriod('week', '2026-W47', 'Asia/Shanghai'))).toHaveLength(7);
  });
});
