import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { SocdeckError } from '../errors.js';
import { assertTimeZone, isoWeekday, parseCivilDate } from './zoned-time.js';

const WEEKDAYS = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;
type WeekdayName = keyof typeof WEEKDAYS;

const Window = z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'a window is "HH:MM-HH:MM", e.g. "10:00-12:00"');

const YearEntry = z
  .object({
    /** Where the dates come from (the State Council notice), kept for auditors. */
    notice: z.string().optional(),
    holidays: z.array(z.string()).default([]),
    /** Weekend days that are working days (调休 make-up days). */
    workdays: z.array(z.string()).default([]),
  })
  .strict();

export const CalendarDocument = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
    timeZone: z.string().min(1),
    source: z.string().optional(),
    workweek: z.array(z.enum(Object.keys(WEEKDAYS) as [WeekdayName, ...WeekdayName[]])).min(1),
    windows: z.array(Window).min(1),
    /** True for calendars with no holidays (24x7); otherwise every year a clock touches must be listed. */
    fixedWeek: z.boolean().default(false),
    years: z.record(z.string().regex(/^\d{4}$/, 'a year key is four digits'), YearEntry).default({}),
  })
  .strict();

/** A validated calendar: the shape the maths compiles. Minutes are minutes after local midnight. */
export interface CalendarSpec {
  name: string;
  file: string;
  timeZone: string;
  workweek: ReadonlySet<number>;
  windows: readonly { start: number; end: number }[];
  fixedWeek: boolean;
  /** Year -> day numbers; a year absent here is an error unless fixedWeek. */
  years: ReadonlyMap<number, { holidays: ReadonlySet<number>; workdays: ReadonlySet<number> }>;
}

function locator(doc: Document.Parsed, lines: LineCounter, file: string) {
  return (path: PropertyKey[]): string => {
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(key));
        if (!pair) break;
        const range = (pair.key as { range?: [number, number] }).range;
        if (range) line = lines.linePos(range[0]).line;
        node = pair.value;
      } else if (node && typeof node === 'object' && 'items' in node && typeof key === 'number') {
        const item = (node as { items: unknown[] }).items[key] as { range?: [number, number] } | undefined;
        if (item?.range) line = lines.linePos(item.range[0]).line;
        node = item;
      } else break;
    }
    return line ? `${file}:${line}` : file;
  };
}

/** Minutes after midnight, or NaN for an impossible wall time such as 25:00 or 10:75. */
function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h > 24 || m > 59 || (h === 24 && m > 0) ? NaN : h * 60 + m;
}

/** Parses and validates a calendar YAML text. Errors name the file, line and key path. */
export function parseCalendar(text: string, file: string): CalendarSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const fail = (where: string, msg: string): never => {
    throw new SocdeckError('config_invalid', `${where}: ${msg}`, { file });
  };
  const firstError = doc.errors[0];
  if (firstError) fail(`${file}:${lines.linePos(firstError.pos[0]).line}`, firstError.message.split('\n')[0] ?? 'YAML error');
  const locate = locator(doc, lines, file);
  const parsed = CalendarDocument.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(locate(issue.path), `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  }
  const d = parsed.data!;
  try {
    assertTimeZone(d.timeZone);
  } catch {
    fail(locate(['timeZone']), `timeZone: unknown IANA time zone "${d.timeZone}"`);
  }

  const windows = d.windows.map((w, i) => {
    const [a, b] = w.split('-') as [string, string];
    const start = minutesOf(a);
    const end = minutesOf(b);
    if (!(start < end)) fail(locate(['windows', i]), `windows.${i}: "${w}" must run forwards within one day`);
    return { start, end };
  });
  windows.sort((x, y) => x.start - y.start);
  for (let i = 1; i < windows.length; i++) {
    if (windows[i]!.start < windows[i - 1]!.end) fail(locate(['windows']), 'windows: working windows overlap');
  }
  if (!d.fixedWeek && Object.keys(d.years).length === 0) fail(locate([]), 'years: list the public holidays per year, or set fixedWeek: true for a calendar without holidays');
  const workweek: ReadonlySet<number> = new Set<number>(d.workweek.map((w) => WEEKDAYS[w]));

  const years = new Map<number, { holidays: Set<number>; workdays: Set<number> }>();
  for (const [yearKey, entry] of Object.entries(d.years)) {
    const year = Number(yearKey);
    const dates = (field: 'holidays' | 'workdays') =>
      new Set(
        entry[field].map((text, i) => {
          const where = locate(['years', yearKey, field, i]);
          const day = parseCivilDate(text);
          if (day === undefined) return fail(where, `years.${yearKey}.${field}.${i}: "${text}" is not a valid YYYY-MM-DD date`);
          if (!text.startsWith(yearKey)) fail(where, `years.${yearKey}.${field}.${i}: ${text} is not in ${yearKey}`);
          if (field === 'workdays' && workweek.has(isoWeekday(day))) fail(where, `years.${yearKey}.workdays.${i}: ${text} is already a regular workday; list only make-up days`);
          return day;
        }),
      );
    const holidays = dates('holidays');
    const workdays = dates('workdays');
    for (const w of workdays) if (holidays.has(w)) fail(locate(['years', yearKey]), `years.${yearKey}: a date is both a holiday and a make-up workday`);
    years.set(year, { holidays, workdays });
  }
  return { name: d.name, file, timeZone: d.timeZone, workweek, windows, fixedWeek: d.fixedWeek, years };
}
