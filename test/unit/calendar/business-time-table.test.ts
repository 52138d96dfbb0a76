import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, formatZoned } from '../../../src/shared/calendar/index.js';
import { shippedCalendar } from './load-calendar.js';

const cn = shippedCalendar('cn');
const due = (start: string, minutes: number) => formatZoned(addBusinessMinutes(new Date(start), minutes, cn).getTime(), 'Asia/Shanghai');

// [what, start, business minutes, expected due] — real 2025/2026 State Council calendars,
// working windows 10:00-12:00 and 14:00-17:00 Beijing time.
const DUE_CASES: [string, string, number, string][] = [
  ['start at 11:50 runs over lunch', '2026-03-10T11:50:00+08:00', 30, '2026-03-10T14:20:00+08:00'],
  ['start at 12:30 waits for 14:00', '2026-03-10T12:30:00+08:00', 30, '2026-03-10T14:30:00+08:00'],
  ['start at 16:59 rolls to next morning', '2026-03-10T16:59:00+08:00', 30, '2026-03-11T10:29:00+08:00'],
  ['start at 17:00 counts nothing that day', '2026-03-10T17:00:00+08:00', 30, '2026-03-11T10:30:00+08:00'],
  ['start before opening', '2026-03-10T09:00:00+08:00', 30, '2026-03-10T10:30:00+08:00'],
  ['due exactly at a window end stays there', '2026-03-10T11:30:00+08:00', 30, '2026-03-10T12:00:00+08:00'],
  ['exact to the second across lunch', '2026-03-10T11:59:30+08:00', 1, '2026-03-10T14:00:30+08:00'],
  ['exact to the second across the night', '2026-03-10T16:59:59+08:00', 1, '2026-03-11T10:00:59+08:00'],
  ['zero minutes is the start itself', '2026-03-10T10:00:00+08:00', 0, '2026-03-10T10:00:00+08:00'],
  ['a UTC start is read in Beijing time', '2026-03-10T02:00:00Z', 30, '2026-03-10T10:30:00+08:00'],
  ['ordinary Saturday is off', '2026-03-14T10:00:00+08:00', 30, '2026-03-16T10:30:00+08:00'],
  ['one full business day ends at 17:00', '2026-03-09T10:00:00+08:00', 300, '2026-03-09T17:00:00+08:00'],
  ['one minute past a full day', '2026-03-09T10:00:00+08:00', 301, '2026-03-10T10:01:00+08:00'],
  // New Year 2025 -> 2026: Jan 1-3 off, Sunday Jan 4 is a make-up workday.
  ["New Year's Eve 16:59", '2025-12-31T16:59:00+08:00', 30, '2026-01-04T10:29:00+08:00'],
  ["New Year's Eve ends exactly at 17:00", '2025-12-31T16:45:00+08:00', 15, '2025-12-31T17:00:00+08:00'],
  ["New Year's Eve 17:00", '2025-12-31T17:00:00+08:00', 30, '2026-01-04T10:30:00+08:00'],
  ['on the Jan 2 holiday', '2026-01-02T10:00:00+08:00', 30, '2026-01-04T10:30:00+08:00'],
  ['make-up Sunday Jan 4 16:50', '2026-01-04T16:50:00+08:00', 30, '2026-01-05T10:20:00+08:00'],
  // Spring Festival 2025: Jan 28 - Feb 4 off; make-up Sun Jan 26 and Sat Feb 8.
  ['Friday 16:45 before the Jan 26 make-up Sunday', '2025-01-24T16:45:00+08:00', 30, '2025-01-26T10:15:00+08:00'],
  ['eve of Spring Festival 2025', '2025-01-27T16:45:00+08:00', 30, '2025-02-05T10:15:00+08:00'],
  ['during Spring Festival 2025', '2025-01-30T10:00:00+08:00', 30, '2025-02-05T10:30:00+08:00'],
  ['two business days across Spring Festival 2025', '2025-01-27T10:00:00+08:00', 600, '2025-02-05T17:00:00+08:00'],
  ['make-up Saturday Feb 8 2025 over lunch', '2025-02-08T11:00:00+08:00', 90, '2025-02-08T14:30:00+08:00'],
  ['Friday into make-up Saturday Feb 8 2025', '2025-02-07T16:30:00+08:00', 60, '2025-02-08T10:30:00+08:00'],
  // Spring Festival 2026: Feb 15-23 off; make-up Sat Feb 14 and Sat Feb 28.
  ['Friday 16:45 before Spring Festival 2026 runs into make-up Saturday', '2026-02-13T16:45:00+08:00', 30, '2026-02-14T10:15:00+08:00'],
  ['make-up Saturday Feb 14 2026 at 11:50', '2026-02-14T11:50:00+08:00', 30, '2026-02-14T14:20:00+08:00'],
  ['make-up Saturday Feb 14 2026 at 16:45', '2026-02-14T16:45:00+08:00', 30, '2026-02-24T10:15:00+08:00'],
  ['during Spring Festival 2026', '2026-02-18T15:00:00+08:00', 30, '2026-02-24T10:30:00+08:00'],
  ['Friday into make-up Saturday Feb 28 2026', '2026-02-27T16:50:00+08:00', 30, '2026-02-28T10:20:00+08:00'],
  // Qingming and Labour Day.
  ['Thursday before Qingming 2025', '2025-04-03T16:45:00+08:00', 30, '2025-04-07T10:15:00+08:00'],
  ['make-up Sunday Apr 27 2025', '2025-04-27T14:00:00+08:00', 30, '2025-04-27T14:30:00+08:00'],
  ['eve of Labour Day 2025', '2025-04-30T16:45:00+08:00', 30, '2025-05-06T10:15:00+08:00'],
  ['Friday 16:45 before Dragon Boat 2025', '2025-05-30T16:45:00+08:00', 30, '2025-06-03T10:15:00+08:00'],
  ['Friday 16:45 before Qingming 2026', '2026-04-03T16:45:00+08:00', 30, '2026-04-07T10:15:00+08:00'],
  ['eve of Labour Day 2026', '2026-04-30T16:45:00+08:00', 30, '2026-05-06T10:15:00+08:00'],
  ['Friday into make-up Saturday May 9 2026', '2026-05-08T16:50:00+08:00', 30, '2026-05-09T10:20:00+08:00'],
  ['make-up Saturday May 9 2026 over lunch', '2026-05-09T11:45:00+08:00', 30, '2026-05-09T14:15:00+08:00'],
  ['Thursday before Dragon Boat 2026', '2026-06-18T16:45:00+08:00', 30, '2026-06-22T10:15:00+08:00'],
  // National Day 2025: Oct 1-8 off; make-up Sun Sep 28 and Sat Oct 11.
  ['ordinary Saturday before make-up Sunday Sep 28 2025', '2025-09-27T10:00:00+08:00', 30, '2025-09-28T10:30:00+08:00'],
  ['make-up Sunday Sep 28 2025', '2025-09-28T10:00:00+08:00', 30, '2025-09-28T10:30:00+08:00'],
  ['eve of National Day 2025', '2025-09-30T16:00:00+08:00', 120, '2025-10-09T11:00:00+08:00'],
  ['Friday into make-up Saturday Oct 11 2025', '2025-10-10T16:50:00+08:00', 30, '2025-10-11T10:20:00+08:00'],
  ['make-up Saturday Oct 11 2025 to Monday', '2025-10-11T16:50:00+08:00', 30, '2025-10-13T10:20:00+08:00'],
  // Mid-Autumn and National Day 2026 are separate: Sep 25-27 and Oct 1-7; make-up Sun Sep 20, Sat Oct 10.
  ['ordinary Saturday before make-up Sunday Sep 20 2026', '2026-09-19T10:00:00+08:00', 30, '2026-09-20T10:30:00+08:00'],
  ['make-up Sunday Sep 20 2026 before opening', '2026-09-20T09:00:00+08:00', 30, '2026-09-20T10:30:00+08:00'],
  ['Thursday before Mid-Autumn 2026', '2026-09-24T16:45:00+08:00', 30, '2026-09-28T10:15:00+08:00'],
  ['eve of National Day 2026', '2026-09-30T16:30:00+08:00', 60, '2026-10-08T10:30:00+08:00'],
  ['Friday into make-up Saturday Oct 10 2026', '2026-10-09T16:50:00+08:00', 30, '2026-10-10T10:20:00+08:00'],
  ['make-up Saturday Oct 10 2026 at 12:30', '2026-10-10T12:30:00+08:00', 30, '2026-10-10T14:30:00+08:00'],
  ['make-up Saturday Oct 10 2026 to Monday', '2026-10-10T16:50:00+08:00', 30, '2026-10-12T10:20:00+08:00'],
];

describe('addBusinessMinutes on the cn calendar', () => {
  it.each(DUE_CASES)('%s: %s + %i min', (_what, start, minutes, expected) => {
    expect(due(start, minutes)).toBe(expected);
    expect(businessMinutesBetween(new Date(start), new Date(expected), cn)).toBe(minutes);
  });
});

// [what, from, to, business minutes]
const BETWEEN_CASES: [string, string, string, number][] = [
  ['Friday 16:45 across Spring Festival 2026', '2026-02-13T16:45:00+08:00', '2026-02-24T10:15:00+08:00', 15 + 300 + 15],
  ['New Year 2025->2026 counts Dec 31 and make-up Jan 4', '2025-12-31T00:00:00+08:00', '2026-01-05T00:00:00+08:00', 600],
  ['National Day week 2026 is all off', '2026-10-01T00:00:00+08:00', '2026-10-08T00:00:00+08:00', 0],
  ['lunch break is not counted', '2025-01-27T12:00:00+08:00', '2025-01-27T14:00:00+08:00', 0],
  ['February 2026: 20 weekdays - 6 holidays + 2 make-up Saturdays', '2026-02-01T00:00:00+08:00', '2026-03-01T00:00:00+08:00', 16 * 300],
  ['whole 2025: 248 working days', '2025-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00', 248 * 300],
  ['whole 2026: 248 working days', '2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00', 248 * 300],
  ['seconds are kept', '2026-03-10T10:00:00+08:00', '2026-03-10T10:00:30+08:00', 0.5],
  ['reversed order is negative', '2026-03-10T11:00:00+08:00', '2026-03-10T10:00:00+08:00', -60],
];

describe('businessMinutesBetween on the cn calendar', () => {
  it.each(BETWEEN_CASES)('%s', (_what, from, to, expected) => {
    expect(businessMinutesBetween(new Date(from), new Date(to), cn)).toBe(expected);
  });
});

describe('24x7 calendar', () => {
  const all = shippedCalendar('24x7');
  it('counts nights, weekends and holidays', () => {
    const d = addBusinessMinutes(new Date('2026-02-14T23:50:00+08:00'), 30, all);
    expect(formatZoned(d.getTime(), 'Asia/Shanghai')).toBe('2026-02-15T00:20:00+08:00');
    expect(businessMinutesBetween(new Date('2026-10-01T00:00:00+08:00'), new Date('2026-10-08T00:00:00+08:00'), all)).toBe(7 * 1440);
  });
  it('covers any year without holiday data', () => {
    expect(addBusinessMinutes(new Date('2031-06-01T00:00:00Z'), 60, all).toISOString()).toBe('2031-06-01T01:00:00.000Z');
  });
});

describe('a year missing from the calendar', () => {
  it('is a loud config error naming the year and the file when a clock reaches it', () => {
    expect(() => addBusinessMinutes(new Date('2026-12-31T16:50:00+08:00'), 30, cn)).toThrow(/config\/calendars\/cn\.yaml: calendar "cn" has no data for 2027/);
    expect(() => businessMinutesBetween(new Date('2024-12-30T10:00:00+08:00'), new Date('2025-01-02T10:00:00+08:00'), cn)).toThrow(
      expect.objectContaining({ code: 'config_invalid', details: expect.objectContaining({ year: 2024 }) }),
    );
  });
  it('does not throw while the clock stays inside covered years', () => {
    expect(due('2026-12-31T16:00:00+08:00', 30)).toBe('2026-12-31T16:30:00+08:00');
  });
});
