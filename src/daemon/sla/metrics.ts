import type { BusinessCalendar } from '../../shared/calendar/business-calendar.js';
import { businessMsBetween } from '../../shared/calendar/business-time.js';
import { civilDateOf, DAY_MS, dayNumberOf, isoWeekday, MINUTE_MS, zoneOffsetMs } from '../../shared/calendar/zoned-time.js';
import type { Severity } from '../../shared/severity.js';
import type { SlaClockRecord } from './clock-record.js';

export interface SlaMetricsRow {
  /** ISO week of the clock start in its calendar's zone, e.g. `2026-W07`. */
  week: string;
  kind: string;
  severity: Severity;
  started: number;
  responded: number;
  resolved: number;
  /** Mean time to acknowledge / resolve, wall-clock minutes (undefined when none). */
  mttaMinutes?: number;
  mttrMinutes?: number;
  /** The same in business minutes of each clock's calendar: what the SLA promises. */
  mttaBusinessMinutes?: number;
  mttrBusinessMinutes?: number;
  responseBreaches: number;
  resolutionBreaches: number;
}

export interface SlaMetricsQuery {
  customer?: string;
  /** Clocks started in [from, to), ISO times. */
  from?: string;
  to?: string;
}

export function isoWeekOf(t: number, timeZone: string): string {
  const day = Math.floor((t + zoneOffsetMs(timeZone, t)) / DAY_MS);
  const thursday = day - isoWeekday(day) + 4;
  const year = civilDateOf(thursday).year;
  const week = Math.floor((thursday - dayNumberOf({ year, month: 1, day: 1 })) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const mean = (xs: number[]): number | undefined => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

/**
 * MTTA / MTTR per ISO week, kind and severity (the item's original severity), for the weekly
 * Service Operations Report. Pure over stored clocks; the reports work reads the `sla_clocks`
 * collection and calls this.
 */
export function slaMetrics(clocks: readonly SlaClockRecord[], calendars: ReadonlyMap<string, BusinessCalendar>, q: SlaMetricsQuery = {}): SlaMetricsRow[] {
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  const groups = new Map<string, { row: SlaMetricsRow; tta: number[]; ttr: number[]; btta: number[]; bttr: number[] }>();
  for (const c of clocks) {
    const start = Date.parse(c.startedAt);
    if (start < from || start >= to || (q.customer && c.customer !== q.customer)) continue;
    const cal = calendars.get(c.calendar);
    const week = isoWeekOf(start, cal?.timeZone ?? 'Asia/Shanghai');
    const key = `${week}\n${c.kind}\n${c.severity}`;
    let g = groups.get(key);
    if (!g) {
      g = { row: { week, kind: c.kind, severity: c.severity, started: 0, responded: 0, resolved: 0, responseBreaches: 0, resolutionBreaches: 0 }, tta: [], ttr: [], btta: [], bttr: [] };
      groups.set(key, g);
    }
    g.row.started++;
    if (c.breached.response) g.row.responseBreaches++;
    if (c.breached.resolution) g.row.resolutionBreaches++;
    // Time paused (waiting on the customer) is not the SOC's: it comes off resolution times.
    const measure = (endIso: string | undefined, pausedMs: number, wall: number[], business: number[]) => {
      if (!endIso) return false;
      const end = Date.parse(endIso);
      wall.push((end - start) / MINUTE_MS);
      if (cal) business.push(Math.max(0, businessMsBetween(start, end, cal) - pausedMs) / MINUTE_MS);
      return true;
    };
    if (measure(c.respondedAt, 0, g.tta, g.btta)) g.row.responded++;
    if (measure(c.resolvedAt, c.pausedMs, g.ttr, g.bttr)) g.row.resolved++;
  }
  return [...groups.values()]
    .map(({ row, tta, ttr, btta, bttr }) => {
      const set = (k: 'mttaMinutes' | 'mttrMinutes' | 'mttaBusinessMinutes' | 'mttrBusinessMinutes', xs: number[]) => {
        const m = mean(xs);
        if (m !== undefined) row[k] = Math.round(m * 100) / 100;
      };
      set('mttaMinutes', tta);
      set('mttrMinutes', ttr);
      set('mttaBusinessMinutes', btta);
      set('mttrBusinessMinutes', bttr);
      return row;
    })
    .sort((a, b) => (a.week !== b.week ? (a.week < b.week ? -1 : 1) : a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.severity < b.severity ? -1 : a.severity > b.severity ? 1 : 0));
}
