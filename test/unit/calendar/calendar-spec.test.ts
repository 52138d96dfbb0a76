import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, formatZoned, openState } from '../../../src/shared/calendar/index.js';
import { calendarFrom, shippedCalendar } from './load-calendar.js';

const cn = shippedCalendar('cn');
const say = (t: string) => openState(Date.parse(t), cn).text;

describe('openState explains a closed calendar plainly', () => {
  it.each([
    ['2026-03-10T10:30:00+08:00', 'business hours'],
    ['2026-03-10T12:30:00+08:00', 'outside business hours (between working windows) — resumes today 14:00'],
    ['2026-03-10T08:00:00+08:00', 'outside business hours (before working hours) — resumes today 10:00'],
    ['2026-03-10T17:00:00+08:00', 'outside business hours (after working hours) — resumes Wed 10:00'],
    ['2026-03-14T11:00:00+08:00', 'outside business hours (weekend) — resumes Mon 10:00'],
    ['2026-02-13T17:30:00+08:00', 'outside business hours (after working hours) — resumes Sat 10:00'],
    ['2026-02-16T11:00:00+08:00', 'outside business hours (public holiday) — resumes Tue 02-24 10:00'],
  ])('%s', (t, text) => {
    expect(say(t)).toBe(text);
  });
});

describe('parseCalendar', () => {
  const base = 'name: t\ntimeZone: Asia/Shanghai\nworkweek: [mon, tue, wed, thu, fri]\nwindows: ["10:00-12:00"]\n';

  it('names file and line of a bad date', () => {
    expect(() => calendarFrom(`${base}years:\n  2026:\n    holidays:\n      - 2026-02-30\n`)).toThrow(/^test\.yaml:8: years\.2026\.holidays\.0: "2026-02-30" is not a valid/);
  });
  it('refuses a make-up workday that is already a weekday', () => {
    expect(() => calendarFrom(`${base}years:\n  2026:\n    workdays: [2026-02-13]\n`)).toThrow(/2026-02-13 is already a regular workday/);
  });
  it('refuses an unknown time zone', () => {
    expect(() => calendarFrom(base.replace('Asia/Shanghai', 'Mars/Olympus') + 'fixedWeek: true\n')).toThrow(/test\.yaml:2: timeZone: unknown IANA time zone "Mars\/Olympus"/);
  });
  it('refuses a calendar with neither years nor fixedWeek', () => {
    expect(() => calendarFrom(base)).toThrow(/set fixedWeek: true/);
  });
  it('refuses impossible or overlapping windows', () => {
    expect(() => calendarFrom(base.replace('10:00-12:00', '10:75-12:00') + 'fixedWeek: true\n')).toThrow(/windows\.0: "10:75-12:00" must run forwards/);
    expect(() => calendarFrom(base.replace('"10:00-12:00"', '"10:00-12:00", "11:00-13:00"') + 'fixedWeek: true\n')).toThrow(/overlap/);
  });
  it('refuses a date listed in the wrong year', () => {
    expect(() => calendarFrom(`${base}years:\n  2026:\n    holidays: [2025-10-01]\n`)).toThrow(/2025-10-01 is not in 2026/);
  });
});

describe('zone handling is by IANA rules, not a fixed offset', () => {
  it('follows a DST change (America/New_York, 2026-03-08)', () => {
    const ny = calendarFrom('name: ny\ntimeZone: America/New_York\nworkweek: [mon, tue, wed, thu, fri]\nwindows: ["09:00-17:00"]\nfixedWeek: true\n');
    const due = addBusinessMinutes(new Date('2026-03-06T16:00:00-05:00'), 120, ny);
    expect(formatZoned(due.getTime(), 'America/New_York')).toBe('2026-03-09T10:00:00-04:00');
  });
});
