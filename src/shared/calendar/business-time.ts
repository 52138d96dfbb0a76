import { SocdeckError } from '../errors.js';
import type { BusinessCalendar } from './business-calendar.js';
import { MINUTE_MS } from './zoned-time.js';

/** How far the maths walks looking for working time before calling the calendar broken. */
const MAX_SCAN_DAYS = 3660;

type Instant = Date | number;

function ms(t: Instant, what: string): number {
  const v = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(v)) throw new SocdeckError('invalid_params', `${what}: not a valid time`);
  return v;
}

function noWorkingTime(cal: BusinessCalendar): never {
  throw new SocdeckError('config_invalid', `${cal.spec.file}: calendar "${cal.name}" has no working time within ${MAX_SCAN_DAYS} days`);
}

/**
 * The instant `durationMs` of working time after `startMs`. A start outside working time
 * counts from the next opening; a due time that lands exactly on a window's end stays there
 * (12:00, not 14:00). Zero returns the start itself.
 */
export function addBusinessMs(startMs: number, durationMs: number, cal: BusinessCalendar): number {
  if (durationMs === 0) return startMs;
  let left = durationMs;
  let day = cal.dayAt(startMs);
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    const open = day.open;
    for (let i = 0; i < open.length; i += 2) {
      const to = open[i + 1]!;
      if (to <= startMs) continue;
      const from = Math.max(open[i]!, startMs);
      const avail = to - from;
      if (left <= avail) return from + left;
      left -= avail;
    }
    day = cal.day(day.day + 1);
  }
  return noWorkingTime(cal);
}

/** Working time in [a, b) in ms; negative when b is before a. */
export function businessMsBetween(a: number, b: number, cal: BusinessCalendar): number {
  if (b < a) return -businessMsBetween(b, a, cal);
  let total = 0;
  let day = cal.dayAt(a);
  for (;;) {
    const open = day.open;
    for (let i = 0; i < open.length; i += 2) {
      const from = Math.max(open[i]!, a);
      const to = Math.min(open[i + 1]!, b);
      if (to > from) total += to - from;
    }
    // Stop before resolving a day past b: it may lie in a year the calendar does not cover.
    if (day.end >= b) return total;
    day = cal.day(day.day + 1);
  }
}

export function addBusinessMinutes(start: Instant, minutes: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new SocdeckError('invalid_params', `minutes: ${minutes} must be a non-negative number`);
  return new Date(addBusinessMs(ms(start, 'start'), Math.round(minutes * MINUTE_MS), cal));
}

/** Business minutes between two instants, exact to the millisecond (fractional minutes kept). */
export function businessMinutesBetween(a: Instant, b: Instant, cal: BusinessCalendar): number {
  return businessMsBetween(ms(a, 'from'), ms(b, 'to'), cal) / MINUTE_MS;
}

/** The first working instant at or after t (t itself when the calendar is open then). */
export function nextOpening(t: number, cal: BusinessCalendar): number {
  let day = cal.dayAt(t);
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    const open = day.open;
    for (let i = 0; i < open.length; i += 2) if (open[i + 1]! > t) return Math.max(open[i]!, t);
    day = cal.day(day.day + 1);
  }
  return noWorkingTime(cal);
}
