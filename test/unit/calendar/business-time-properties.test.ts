import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMsBetween } from '../../../src/shared/calendar/index.js';
import { shippedCalendar } from './load-calendar.js';

const cn = shippedCalendar('cn');
const MIN = 60_000;
// Starts across both covered years, leaving room so a due time never leaves 2026.
const FROM = Date.parse('2025-01-01T00:00:00+08:00');
const TO = Date.parse('2026-11-30T00:00:00+08:00');
const start = fc.integer({ min: FROM, max: TO }).map((t) => t - (t % 1000));
const duration = fc.integer({ min: 0, max: 5 * 300 * 60 }).map((s) => s * 1000);

/** Independent oracle: Beijing wall time by a fixed +8 h shift (valid for Asia/Shanghai only). */
function openAtByHand(t: number): boolean {
  const local = new Date(t + 8 * 3600_000);
  const ymd = local.toISOString().slice(0, 10);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inWindow = (minute >= 600 && minute < 720) || (minute >= 840 && minute < 1020);
  const year = cn.spec.years.get(local.getUTCFullYear())!;
  const dayNo = Date.parse(`${ymd}T00:00:00Z`) / 86_400_000;
  const weekday = local.getUTCDay();
  const workday = year.workdays.has(dayNo) || (!year.holidays.has(dayNo) && weekday >= 1 && weekday <= 5);
  return workday && inWindow;
}

describe('business-time properties (cn calendar)', () => {
  it('add-then-measure round-trips exactly', () => {
    fc.assert(
      fc.property(start, duration, (s, d) => {
        expect(businessMsBetween(s, addBusinessMs(s, d, cn), cn)).toBe(d);
      }),
      { numRuns: 2000 },
    );
  });

  it('is monotonic in the duration and in the start', () => {
    fc.assert(
      fc.property(start, start, duration, duration, (s1, s2, d1, d2) => {
        const [a, b] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [m, n] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addBusinessMs(a, m, cn)).toBeLessThanOrEqual(addBusinessMs(a, n, cn));
        if (m > 0) expect(addBusinessMs(a, m, cn)).toBeLessThanOrEqual(addBusinessMs(b, m, cn));
      }),
      { numRuns: 1000 },
    );
  });

  it('measuring is additive over a split point', () => {
    fc.assert(
      fc.property(start, start, start, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(businessMsBetween(a, b, cn) + businessMsBetween(b, c, cn)).toBe(businessMsBetween(a, c, cn));
      }),
      { numRuns: 1000 },
    );
  });

  it('a positive due time is the end of a working second', () => {
    fc.assert(
      fc.property(
        start,
        duration.filter((d) => d > 0),
        (s, d) => {
          expect(openAtByHand(addBusinessMs(s, d, cn) - 1000)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees with a minute-by-minute count by hand', () => {
    fc.assert(
      fc.property(
        start.map((t) => t - (t % MIN)),
        fc.integer({ min: 0, max: 2 * 24 * 60 }),
        (s, spanMinutes) => {
          let byHand = 0;
          for (let i = 0; i < spanMinutes; i++) if (openAtByHand(s + i * MIN)) byHand++;
          expect(businessMsBetween(s, s + spanMinutes * MIN, cn)).toBe(byHand * MIN);
        },
      ),
      { numRuns: 100 },
    );
  });
});
