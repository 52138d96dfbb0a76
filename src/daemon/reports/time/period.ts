import { SocdeckError } from '../../../shared/errors.js';
import { localParts, zonedToUtc } from '../../../shared/calendar/zoned-time.js';

export const PERIOD_KINDS = ['week', 'month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A reporting period in the customer's zone: [start, end) as UTC instants. */
export interface Period {
  kind: PeriodKind;
  /** `2026-W47`, `2026-11` or `2026-Q4`. */
  label: string;
  start: number;
  end: number;
  tz: string;
}

const DAY_MS = 86_400_000;

/** Calendar date arithmetic on a plain Y-M-D (no zone), via UTC which has no DST. */
function ymd(y: number, m: number, d: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(y, m - 1, d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function isoWeekMonday(year: number, week: number): { y: number; m: number; d: number } {
  const jan4Weekday = new Date(Date.UTC(year, 0, 4)).getUTCDay() || 7;
  return ymd(year, 1, 4 - (jan4Weekday - 1) + 7 * (week - 1));
}

function isoWeeksIn(year: number): number {
  // A year has 53 ISO weeks when Dec 28 falls in week 53.
  const next = isoWeekMonday(year + 1, 1);
  const first = isoWeekMonday(year, 1);
  return Math.round((Date.UTC(next.y, next.m - 1, next.d) - Date.UTC(first.y, first.m - 1, first.d)) / (7 * DAY_MS));
}

function isoWeekOf(y: number, m: number, d: number): { year: number; week: number } {
  const t = Date.UTC(y, m - 1, d);
  const wd = new Date(t).getUTCDay() || 7;
  const thursday = new Date(t + (4 - wd) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

function build(kind: PeriodKind, year: number, n: number, tz: string): Period {
  if (kind === 'week') {
    const mon = isoWeekMonday(year, n);
    return { kind, label: `${year}-W${String(n).padStart(2, '0')}`, start: zonedToUtc(mon.y, mon.m, mon.d, tz), end: zonedToUtc(mon.y, mon.m, mon.d + 7, tz), tz };
  }
  if (kind === 'month') {
    return { kind, label: `${year}-${String(n).padStart(2, '0')}`, start: zonedToUtc(year, n, 1, tz), end: zonedToUtc(year, n + 1, 1, tz), tz };
  }
  const m = (n - 1) * 3 + 1;
  return { kind, label: `${year}-Q${n}`, start: zonedToUtc(year, m, 1, tz), end: zonedToUtc(year, m + 3, 1, tz), tz };
}

const PATTERNS: Record<PeriodKind, RegExp> = {
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
};
const EXAMPLES: Record<PeriodKind, string> = { week: '2026-W47', month: '2026-11', quarter: '2026-Q4' };

export function parsePeriod(kind: PeriodKind, text: string, tz: string): Period {
  const m = PATTERNS[kind].exec(text.trim());
  const year = Number(m?.[1]);
  const n = Number(m?.[2]);
  const max = kind === 'week' ? isoWeeksIn(year) : kind === 'month' ? 12 : 4;
  if (!m || n < 1 || n > max) {
    throw new SocdeckError('invalid_params', `period "${text}": expected a ${kind} like ${EXAMPLES[kind]}`, { period: text });
  }
  return build(kind, year, n, tz);
}

/** The period containing `ts` in tz. */
export function periodContaining(kind: PeriodKind, ts: number, tz: string): Period {
  const p = localParts(ts, tz);
  if (kind === 'week') {
    const w = isoWeekOf(p.year, p.month, p.day);
    return build(kind, w.year, w.week, tz);
  }
  if (kind === 'month') return build(kind, p.year, p.month, tz);
  return build(kind, p.year, Math.floor((p.month - 1) / 3) + 1, tz);
}

/** The period just before p (last week, last month, last quarter). */
export function previousPeriod(p: Period): Period {
  return periodContaining(p.kind, p.start - 1, p.tz);
}

/** The last complete period before `ts`: what a scheduled run on Monday 09:00 reports on. */
export function lastCompletePeriod(kind: PeriodKind, ts: number, tz: string): Period {
  return previousPeriod(periodContaining(kind, ts, tz));
}

/** Local midnights of each day in the period, as UTC instants (7 for a week). */
export function daysOf(p: Period): number[] {
  const out: number[] = [];
  const first = localParts(p.start, p.tz);
  for (let i = 0; ; i++) {
    const t = zonedToUtc(first.year, first.month, first.day + i, p.tz);
    if (t >= p.end || i > 92) break;
    out.push(t);
  }
  return out;
}
