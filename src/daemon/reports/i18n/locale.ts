import type { Severity } from '../../../shared/severity.js';
import { localDate, localParts } from '../../../shared/calendar/zoned-time.js';
import { MESSAGES, type MessageKey } from './messages.js';

import { REPORT_LANGS } from '../../../shared/report.js';

export const LANGS = REPORT_LANGS;
export type Lang = (typeof LANGS)[number];

/** Translation and number/date formatting for one language in one time zone. */
export interface Locale {
  lang: Lang;
  tz: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  severity(s: Severity): string;
  date(ts: number): string;
  dateTime(ts: number | string): string;
  /** Short day label for chart axes, e.g. `11-17 Mon` / `11-17 周一`. */
  day(ts: number): string;
  pct(r: number | null): string;
  num(n: number): string;
  minutes(m: number | null): string;
}

export function createLocale(lang: Lang, tz: string): Locale {
  const cat = MESSAGES[lang];
  const t: Locale['t'] = (key, params = {}) => cat[key].replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
  // Dates are written year-month-day in both languages: unambiguous for readers on either side.
  const weekdayFmt = new Intl.DateTimeFormat(lang, { timeZone: tz, weekday: 'short' });
  const date = (ts: number) => localDate(ts, tz);
  const dateTime = (ts: number) => {
    const p = localParts(ts, tz);
    return `${date(ts)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  };
  const numFmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return {
    lang,
    tz,
    t,
    severity: (s) => t(`severity.${s}`),
    date,
    dateTime: (ts) => dateTime(typeof ts === 'string' ? Date.parse(ts) : ts),
    day: (ts) => `${date(ts).slice(5)} ${weekdayFmt.format(new Date(ts))}`,
    pct: (r) => (r === null ? t('common.na') : `${numFmt.format(r * 100)}%`),
    num: (n) => numFmt.format(n),
    minutes: (m) => {
      if (m === null) return t('common.na');
      if (m < 60) return t('common.minutes', { n: numFmt.format(m) });
      return t('common.hours', { n: numFmt.format(m / 60) });
    },
  };
}
