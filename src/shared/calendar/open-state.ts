import { DayKind, type BusinessCalendar } from './business-calendar.js';
import { nextOpening } from './business-time.js';
import { DAY_MS, zoneOffsetMs } from './zoned-time.js';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const ClosedReason = {
  LunchBreak: 'between working windows',
  BeforeHours: 'before working hours',
  AfterHours: 'after working hours',
  Weekend: 'weekend',
  Holiday: 'public holiday',
} as const;
export type ClosedReason = (typeof ClosedReason)[keyof typeof ClosedReason];

export interface OpenState {
  open: boolean;
  reason?: ClosedReason;
  /** When working time resumes (only when closed). */
  resumesAt?: number;
  /** Plain words for the UI, e.g. "outside business hours (weekend) — resumes Mon 10:00". */
  text: string;
}

/** "Mon 10:00" within the coming week, "Tue 02-24 10:00" further out (a long holiday). */
export function formatResume(at: number, now: number, cal: BusinessCalendar): string {
  const local = new Date(at + zoneOffsetMs(cal.timeZone, at));
  const iso = local.toISOString();
  const weekday = WEEKDAY_NAMES[(local.getUTCDay() + 6) % 7]!;
  const clock = iso.slice(11, 16);
  if (cal.dayAt(at).day === cal.dayAt(now).day) return `today ${clock}`;
  return at - now < 6 * DAY_MS ? `${weekday} ${clock}` : `${weekday} ${iso.slice(5, 10)} ${clock}`;
}

/** Whether the calendar is open at t, and if not, why and when it resumes. */
export function openState(t: number, cal: BusinessCalendar): OpenState {
  const day = cal.dayAt(t);
  const open = day.open;
  for (let i = 0; i < open.length; i += 2) {
    if (t >= open[i]! && t < open[i + 1]!) return { open: true, text: 'business hours' };
  }
  let reason: ClosedReason;
  if (day.kind === DayKind.Holiday) reason = ClosedReason.Holiday;
  else if (open.length === 0) reason = ClosedReason.Weekend;
  else if (t < open[0]!) reason = ClosedReason.BeforeHours;
  else if (t >= open[open.length - 1]!) reason = ClosedReason.AfterHours;
  else reason = ClosedReason.LunchBreak;
  const resumesAt = nextOpening(t, cal);
  return { open: false, reason, resumesAt, text: `outside business hours (${reason}) — resumes ${formatResume(resumesAt, t, cal)}` };
}
