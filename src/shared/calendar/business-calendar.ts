import { SocdeckError } from '../errors.js';
import type { CalendarSpec } from './calendar-spec.js';
import { civilDateOf, civilToEpoch, DAY_MS, isoWeekday, zoneOffsetMs } from './zoned-time.js';

export const DayKind = { Workday: 'workday', Makeup: 'makeup-workday', Weekend: 'weekend', Holiday: 'holiday' } as const;
export type DayKind = (typeof DayKind)[keyof typeof DayKind];

/** One civil day, resolved to instants: [start, end) is the whole day, `open` the working windows. */
export interface Day {
  day: number;
  kind: DayKind;
  start: number;
  end: number;
  /** Flattened [from0, to0, from1, to1, …] instants of the working windows. */
  open: readonly number[];
}

/** Days kept resolved; a long-running daemon touches a few years, so this is never reached in practice. */
const CACHE_LIMIT = 20_000;

/**
 * A calendar compiled for fast lookups: each civil day is resolved once (through Intl) and
 * cached, so the hot path of the maths is integer comparisons.
 */
export class BusinessCalendar {
  private readonly days = new Map<number, Day>();
  /** The offset seen last, a good first guess for the next lookup's civil day. */
  private lastOffset = 0;

  constructor(readonly spec: CalendarSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get timeZone(): string {
    return this.spec.timeZone;
  }

  /** The civil day containing instant t. */
  dayAt(t: number): Day {
    // Fast path: a cached day next to the guess. Only the exact offset may resolve a new day,
    // since a wrong guess could land in a year the calendar does not cover.
    const guess = Math.floor((t + this.lastOffset) / DAY_MS);
    const near = this.days.get(guess);
    if (near) {
      if (t >= near.start && t < near.end) return near;
      const side = this.days.get(t < near.start ? guess - 1 : guess + 1);
      if (side && t >= side.start && t < side.end) return side;
    }
    this.lastOffset = zoneOffsetMs(this.spec.timeZone, t);
    return this.day(Math.floor((t + this.lastOffset) / DAY_MS));
  }

  day(n: number): Day {
    const hit = this.days.get(n);
    if (hit) return hit;
    if (this.days.size >= CACHE_LIMIT) this.days.clear();
    const made = this.resolve(n);
    this.days.set(n, made);
    return made;
  }

  private resolve(n: number): Day {
    const { spec } = this;
    const kind = this.kindOf(n);
    const start = civilToEpoch(spec.timeZone, n, 0);
    const end = civilToEpoch(spec.timeZone, n + 1, 0);
    this.lastOffset = n * DAY_MS - start;
    const open: number[] = [];
    if (kind === DayKind.Workday || kind === DayKind.Makeup) {
      for (const w of spec.windows) {
        const from = civilToEpoch(spec.timeZone, n, w.start);
        const to = w.end === 24 * 60 ? end : civilToEpoch(spec.timeZone, n, w.end);
        if (to > from) open.push(from, to);
      }
    }
    return { day: n, kind, start, end, open };
  }

  private kindOf(n: number): DayKind {
    const { spec } = this;
    const regular = spec.workweek.has(isoWeekday(n));
    if (spec.fixedWeek) return regular ? DayKind.Workday : DayKind.Weekend;
    const year = civilDateOf(n).year;
    const data = spec.years.get(year);
    if (!data) {
      const known = [...spec.years.keys()].sort().join(', ');
      throw new SocdeckError(
        'config_invalid',
        `${spec.file}: calendar "${spec.name}" has no data for ${year} (it covers ${known}); add a years.${year} section with that year's public holidays and make-up workdays`,
        { calendar: spec.name, year, file: spec.file },
      );
    }
    if (data.holidays.has(n)) return DayKind.Holiday;
    if (data.workdays.has(n)) return DayKind.Makeup;
    return regular ? DayKind.Workday : DayKind.Weekend;
  }
}
