import { SEVERITIES, type Severity } from '../../../shared/severity.js';
import { SEVERITY_COLORS } from '../charts/svg.js';
import type { Block, ReportDoc, Section } from '../document.js';
import type { Locale } from '../i18n/locale.js';
import type { ReportKind } from '../report-kinds.js';

export interface ComposeContext {
  locale: Locale;
  customer: string;
  /** Period label or item id the report is about. */
  subject: string;
  generatedAt: number;
  /** Data-quality notes, e.g. records skipped because they did not fit the input schema. */
  dataNotes: string[];
}

export function reportDoc(kind: ReportKind, ctx: ComposeContext, subtitle: string, sections: Section[]): ReportDoc {
  const { locale: l } = ctx;
  const notes = ctx.dataNotes.length > 0 ? [{ title: l.t('common.dataQuality'), blocks: [{ type: 'list', items: ctx.dataNotes } as Block] }] : [];
  return {
    title: l.t(`kind.${kind}`),
    subtitle,
    lang: l.lang,
    meta: [
      [l.t('meta.customer'), ctx.customer],
      [l.t(kind === 'advisory' || kind === 'leak' || kind === 'incident' ? 'meta.item' : 'meta.period'), ctx.subject],
      [l.t('meta.generated'), l.dateTime(ctx.generatedAt)],
      [l.t('meta.timeZone'), l.tz],
    ],
    sections: [...sections, ...notes],
    footer: l.t('common.footer'),
  };
}

/** Severity columns from most to least severe, coloured the same in every report. */
export function severitySeries(l: Locale, counts: Record<Severity, number>[]): { name: string; values: number[]; color: string }[] {
  return [...SEVERITIES].reverse().map((s) => ({ name: l.severity(s), values: counts.map((c) => c[s]), color: SEVERITY_COLORS[s] }));
}

export function severityTable(l: Locale, current: Record<Severity, number>, previous?: Record<Severity, number>): Block {
  const cols = [l.t('col.severity'), l.t('col.count'), ...(previous ? [l.t('col.previous'), l.t('col.change')] : [])];
  const rows = [...SEVERITIES].reverse().map((s) => [l.severity(s), l.num(current[s]), ...(previous ? [l.num(previous[s]), signed(l, current[s] - previous[s])] : [])]);
  return { type: 'table', columns: cols, rows, numeric: previous ? [1, 2, 3] : [1], empty: l.t('common.none') };
}

export function signed(l: Locale, n: number): string {
  return n > 0 ? `+${l.num(n)}` : l.num(n);
}

export function changeNote(l: Locale, pct: number | null): string {
  return pct === null ? l.t('common.noBaseline') : l.t('common.vsPrevious', { change: `${pct > 0 ? '+' : ''}${l.num(pct)}%` });
}

export function skippedNote(l: Locale, coll: string, skipped: { count: number; firstProblem?: string }): string[] {
  return skipped.count > 0 ? [l.t('common.skipped', { count: skipped.count, coll, first: skipped.firstProblem ?? '' })] : [];
}
