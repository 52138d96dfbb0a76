import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDate, localParts, zonedToUtc } from '../../../src/shared/calendar/zoned-time.js';

describe('zoned time for reports', () => {
  it('gives the wall clock and ISO weekday in the zone', () => {
    // 2026-03-01T16:30Z is Monday 00:30 in Shanghai, still Sunday in UTC.
    expect(localParts(Date.parse('2026-03-01T16:30:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 3, day: 2, hour: 0, minute: 30, weekday: 1 });
    expect(localDate(Date.parse('2026-03-01T16:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('finds local midnight across a DST change and lets the month overflow', () => {
    expect(new Date(zonedToUtc(2026, 3, 8, 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(zonedToUtc(2026, 3, 9, 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(zonedToUtc(2026, 13, 1, 'Asia/Shanghai')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('tells a known zone from a typo', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Asia/Shanghia')).toBe(false);
  });
});
