/**
 * Civil-time <-> instant conversion for an IANA zone through Intl, so a calendar never
 * assumes a fixed offset. Day numbers count civil days since 1970-01-01 (day 0, a Thursday).
 */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when Intl does not know it. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The zone's offset from UTC at instant `epochMs`, in ms (east positive). */
export function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant of a civil wall time. Two passes settle the offset across a DST change; a wall
 * time inside a spring-forward gap resolves to the instant after the gap.
 */
export function civilToEpoch(timeZone: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const first = wall - zoneOffsetMs(timeZone, wall);
  return wall - zoneOffsetMs(timeZone, first);
}

export function dayNumberOf(d: CivilDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

export function civilDateOf(day: number): CivilDate {
  const dt = new Date(day * DAY_MS);
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Parses `YYYY-MM-DD` strictly (rejects 2026-02-30); undefined when invalid. */
export function parseCivilDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const n = dayNumberOf(d);
  const back = civilDateOf(n);
  return back.year === d.year && back.month === d.month && back.day === d.day ? n : undefined;
}

/** ISO-8601 text of an instant with the zone's offset, e.g. `2026-02-13T10:30:00+08:00`. */
export function formatZoned(epochMs: number, timeZone: string): string {
  const offset = zoneOffsetMs(timeZone, epochMs);
  const local = new Date(epochMs + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / MINUTE_MS;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** The instant's wall clock in a zone, as a report labels days and weeks. */
export interface LocalParts extends CivilDate {
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    assertTimeZone(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const wall = epochMs + zoneOffsetMs(timeZone, epochMs);
  const dt = new Date(wall);
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate(), hour: dt.getUTCHours(), minute: dt.getUTCMinutes(), weekday: isoWeekday(Math.floor(wall / DAY_MS)) };
}

/** The instant of local midnight (or `hour`) on a calendar date in the zone; month and day may overflow. */
export function zonedToUtc(year: number, month: number, day: number, timeZone: string, hour = 0): number {
  return civilToEpoch(timeZone, dayNumberOf({ year, month, day }), hour * 60);
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
