import type { ReportDoc, Section } from '../document.js';
import type { MonthlyRiskData } from '../builders/monthly-risk.js';
import { changeNote, reportDoc, severitySeries, severityTable, type ComposeContext } from './common.js';

const LIFECYCLE = ['new', 'fixed', 'reopened', 'accepted'] as const;

export function composeMonthlyRisk(d: MonthlyRiskData, ctx: ComposeContext): ReportDoc {
  const l = ctx.locale;
  const overview: Section = {
    title: l.t('monthly.overview'),
    blocks: [
      {
        type: 'metrics',
        items: [
          { label: l.t('monthly.scans'), value: l.num(d.scans.runs) },
          { label: l.t('monthly.assets'), value: l.num(d.scans.assetsCovered) },
          { label: l.t('monthly.open'), value: l.num(d.openTotal), tone: d.openBySeverity.critical + d.openBySeverity.high > 0 ? 'bad' : 'good' },
          { label: l.t('lifecycle.new'), value: l.num(d.lifecycle.new), note: changeNote(l, d.newChangePct) },
          { label: l.t('lifecycle.fixed'), value: l.num(d.lifecycle.fixed), tone: 'good' },
        ],
      },
      { type: 'table', columns: [l.t('col.scanKind'), l.t('monthly.scans')], rows: d.scans.byKind.map((k) => [k.kind, l.num(k.runs)]), numeric: [1], empty: l.t('monthly.noScans') },
    ],
  };
  const findings: Section = {
    title: l.t('monthly.findings'),
    blocks: [
      severityTable(l, d.openBySeverity),
      {
        type: 'chart',
        title: l.t('monthly.byCategoryChart'),
        chart: {
          type: 'bar',
          stacked: false,
          horizontal: true,
          categories: d.openByCategory.map((c) => c.category),
          series: [{ name: l.t('monthly.open'), values: d.openByCategory.map((c) => c.count) }],
        },
      },
      {
        type: 'table',
        columns: [l.t('col.status'), l.t('col.count'), l.t('col.previous')],
        rows: LIFECYCLE.map((k) => [l.t(`lifecycle.${k}`), l.num(d.lifecycle[k]), l.num(d.previousLifecycle[k])]),
        numeric: [1, 2],
        empty: l.t('common.none'),
      },
    ],
  };
  const risks: Section = {
    title: l.t('monthly.topRisks'),
    blocks: [
      {
        type: 'table',
        columns: [l.t('col.severity'), l.t('col.asset'), l.t('col.title'), l.t('col.firstSeen'), l.t('col.remediation')],
        rows: d.topRisks.map((f) => [l.severity(f.severity), f.asset, f.title, l.date(Date.parse(f.firstSeen)), f.remediation ?? l.t('monthly.noPlan')]),
        empty: l.t('monthly.noOpen'),
      },
    ],
  };
  const trend: Section = {
    title: l.t('monthly.trend'),
    blocks: [
      {
        type: 'chart',
        title: l.t('monthly.trendChart'),
        chart: { type: 'line', categories: d.trend.map((t) => t.label), series: (['new', 'fixed'] as const).map((k) => ({ name: l.t(`lifecycle.${k}`), values: d.trend.map((t) => t.lifecycle[k]) })) },
      },
      { type: 'chart', title: l.t('monthly.openSeverityChart'), chart: { type: 'bar', stacked: true, horizontal: true, categories: [d.period.label], series: severitySeries(l, [d.openBySeverity]) } },
    ],
  };
  return reportDoc('monthly', ctx, l.t('monthly.subtitle', { from: l.date(d.period.start), to: l.date(d.period.end - 1) }), [overview, findings, risks, trend]);
}
