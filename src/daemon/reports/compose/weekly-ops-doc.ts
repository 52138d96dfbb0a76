import type { Block, ReportDoc, Section } from '../document.js';
import type { WeeklyOpsData } from '../builders/weekly-ops.js';
import { changeNote, reportDoc, severitySeries, severityTable, type ComposeContext } from './common.js';

function overview(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  const p = d.dispositions;
  return {
    title: l.t('weekly.overview'),
    blocks: [
      {
        type: 'metrics',
        items: [
          { label: l.t('weekly.alerts'), value: l.num(d.totals.alerts), note: changeNote(l, d.totals.changePct) },
          { label: l.t('weekly.events'), value: l.num(d.totals.events) },
          { label: l.t('weekly.tpRate'), value: l.pct(p.tpRate), note: l.t('weekly.decided', { n: p.decided }) },
          { label: l.t('weekly.fpRate'), value: l.pct(p.fpRate), tone: p.fpRate !== null && p.fpRate >= 0.5 ? 'bad' : 'neutral' },
          { label: l.t('weekly.mtta'), value: l.minutes(d.sla.mttaMinutes) },
          { label: l.t('weekly.mttr'), value: l.minutes(d.sla.mttrMinutes) },
          { label: l.t('weekly.breaches'), value: l.num(d.sla.breaches.length), tone: d.sla.breaches.length > 0 ? 'bad' : 'good' },
          { label: l.t('weekly.incidentsOpened'), value: l.num(d.incidents.opened.length), note: l.t('weekly.incidentsClosedNote', { n: d.incidents.closed.length }) },
        ],
      },
      {
        type: 'paragraph',
        text: l.t('weekly.summary', {
          alerts: d.totals.alerts,
          previous: d.totals.previousAlerts,
          change: changeNote(l, d.totals.changePct),
          critical: d.bySeverity.critical,
          high: d.bySeverity.high,
        }),
      },
    ],
  };
}

function alertsSection(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  const categories = d.byDay.map((x) => l.day(x.day));
  return {
    title: l.t('weekly.alertsSection'),
    blocks: [
      {
        type: 'chart',
        title: l.t('weekly.byDayChart'),
        chart: {
          type: 'bar',
          stacked: true,
          horizontal: false,
          categories,
          series: severitySeries(
            l,
            d.byDay.map((x) => x.counts),
          ),
        },
      },
      severityTable(l, d.bySeverity, d.previousBySeverity),
      {
        type: 'chart',
        title: l.t('weekly.topRulesChart'),
        chart: { type: 'bar', stacked: false, horizontal: true, categories: d.topRules.map((r) => r.ruleId), series: [{ name: l.t('weekly.alerts'), values: d.topRules.map((r) => r.alerts) }] },
      },
      {
        type: 'table',
        columns: [l.t('col.rule'), l.t('col.title'), l.t('weekly.alerts'), l.t('weekly.events')],
        rows: d.topRules.map((r) => [r.ruleId, r.title, l.num(r.alerts), l.num(r.events)]),
        numeric: [2, 3],
        empty: l.t('common.none'),
      },
      {
        type: 'table',
        columns: [l.t('col.host'), l.t('weekly.alerts'), l.t('col.highest')],
        rows: d.topHosts.map((h) => [h.host, l.num(h.alerts), l.severity(h.highest)]),
        numeric: [1],
        empty: l.t('common.none'),
      },
    ],
  };
}

function dispositionSection(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  const p = d.dispositions;
  const rows = [
    [l.t('disp.true_positive'), l.num(p.truePositive)],
    [l.t('disp.benign_true_positive'), l.num(p.benign)],
    [l.t('disp.false_positive'), l.num(p.falsePositive)],
    [l.t('disp.duplicate'), l.num(p.duplicate)],
    [l.t('disp.undetermined'), l.num(p.undetermined)],
  ];
  return { title: l.t('weekly.dispositions'), blocks: [{ type: 'table', columns: [l.t('col.disposition'), l.t('col.count')], rows, numeric: [1], empty: l.t('common.none') }] };
}

function slaSection(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  const blocks: Block[] =
    d.sla.clocks === 0 && d.sla.breaches.length === 0
      ? [{ type: 'paragraph', text: l.t('weekly.noSla') }]
      : [
          { type: 'paragraph', text: l.t('weekly.slaSummary', { clocks: d.sla.clocks, within: l.pct(d.sla.withinTarget), mtta: l.minutes(d.sla.mttaMinutes), mttr: l.minutes(d.sla.mttrMinutes) }) },
          {
            type: 'table',
            columns: [l.t('col.item'), l.t('col.severity'), l.t('col.target'), l.t('col.due'), l.t('col.stopped')],
            rows: d.sla.breaches.map((c) => [
              `${c.itemKind}/${c.itemId}`,
              l.severity(c.severity),
              l.t(`sla.${c.target}`),
              l.dateTime(c.dueAt),
              c.stoppedAt ? l.dateTime(c.stoppedAt) : l.t('sla.running'),
            ]),
            empty: l.t('weekly.noBreaches'),
          },
        ];
  return { title: l.t('weekly.sla'), blocks };
}

function incidentsSection(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  const rows = [...d.incidents.opened, ...d.incidents.closed.filter((c) => !d.incidents.opened.includes(c))].map((i) => [
    i.id,
    i.title,
    l.severity(i.severity),
    l.t(`incident.status.${i.status}`),
    l.dateTime(i.openedAt),
    i.closedAt ? l.dateTime(i.closedAt) : '-',
  ]);
  return {
    title: l.t('weekly.incidents'),
    blocks: [{ type: 'table', columns: [l.t('col.id'), l.t('col.title'), l.t('col.severity'), l.t('col.status'), l.t('col.opened'), l.t('col.closed')], rows, empty: l.t('weekly.noIncidents') }],
  };
}

function notableSection(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  return {
    title: l.t('weekly.notable'),
    blocks: [
      {
        type: 'table',
        columns: [l.t('col.firstSeen'), l.t('col.severity'), l.t('col.host'), l.t('col.title'), l.t('weekly.events')],
        rows: d.notable.map((a) => [l.dateTime(a.firstSeen), l.severity(a.severity), a.host ?? '-', a.title, l.num(a.count)]),
        numeric: [4],
        empty: l.t('weekly.noNotable'),
      },
    ],
  };
}

function attackSection(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  const h = d.attack;
  const heat = { corner: l.t('weekly.technique'), rows: h.rows.map((r) => r.technique), columns: h.customers, values: h.rows.map((r) => r.counts), max: h.max };
  return { title: l.t('weekly.attack'), blocks: [{ type: 'heatmap', title: l.t('weekly.attackHeat'), heat, empty: l.t('weekly.noAttack') }] };
}

function tuningSection(d: WeeklyOpsData, ctx: ComposeContext): Section {
  const l = ctx.locale;
  const blocks: Block[] =
    d.tuning.length === 0
      ? [{ type: 'paragraph', text: d.dispositions.decided === 0 ? l.t('weekly.tuningNoData') : l.t('weekly.tuningNone') }]
      : [{ type: 'list', items: d.tuning.map((r) => l.t('weekly.tuningItem', { rule: r.ruleId, title: r.title, alerts: r.alerts, fp: l.pct(r.fpRate) })) }];
  return { title: l.t('weekly.tuning'), blocks };
}

export function composeWeeklyOps(d: WeeklyOpsData, ctx: ComposeContext): ReportDoc {
  const l = ctx.locale;
  const subtitle = l.t('weekly.subtitle', { from: l.date(d.period.start), to: l.date(d.period.end - 1) });
  return reportDoc('weekly', ctx, subtitle, [
    overview(d, ctx),
    alertsSection(d, ctx),
    dispositionSection(d, ctx),
    slaSection(d, ctx),
    incidentsSection(d, ctx),
    notableSection(d, ctx),
    attackSection(d, ctx),
    tuningSection(d, ctx),
  ]);
}
