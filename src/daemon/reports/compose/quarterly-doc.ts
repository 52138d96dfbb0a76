import { SEVERITIES } from '../../../shared/severity.js';
import type { SectionResult } from '../../assess/engine.js';
import type { QuarterlyData } from '../builders/quarterly-assessment.js';
import type { Block, ReportDoc, Section } from '../document.js';
import type { Locale } from '../i18n/locale.js';
import { reportDoc, severitySeries, type ComposeContext } from './common.js';
import { mlpsSections } from './mlps-doc.js';

const EVIDENCE_SHOWN = 5;

function score(l: Locale, v: number | null): string {
  return v === null ? l.t('grade.not_assessed') : `${v} / 100`;
}

function sectionBlocks(l: Locale, s: SectionResult): Block[] {
  const lang = l.lang;
  return [
    {
      type: 'metrics',
      items: [
        { label: l.t('quarterly.score'), value: score(l, s.score.value), note: l.t(`grade.${s.score.grade}`), tone: s.score.value === null ? 'neutral' : s.score.value >= 85 ? 'good' : 'bad' },
        { label: l.t('quarterly.findings'), value: l.num(s.findings.length) },
        { label: l.t('quarterly.factsExamined'), value: l.num(s.factsExamined) },
      ],
    },
    {
      type: 'table',
      columns: [l.t('col.id'), l.t('col.severity'), l.t('quarterly.finding'), l.t('quarterly.evidence'), l.t('col.remediation')],
      rows: s.findings.map((f) => {
        const more = f.evidence.length - EVIDENCE_SHOWN + f.moreEvidence;
        const evidence = [...f.evidence.slice(0, EVIDENCE_SHOWN), ...(more > 0 ? [l.t('quarterly.moreEvidence', { n: more })] : [])].join('; ');
        return [f.rule.id, l.severity(f.rule.severity), `${f.rule.title[lang]}: ${f.rule.rationale[lang]}`, evidence, f.rule.remediation[lang]];
      }),
      empty: s.factsExamined === 0 ? l.t('quarterly.sectionNoFacts') : l.t('quarterly.sectionClean'),
    },
  ];
}

export function composeQuarterly(d: QuarterlyData, ctx: ComposeContext): ReportDoc {
  const l = ctx.locale;
  const r = d.result;
  const total = SEVERITIES.reduce((n, s) => n + d.bySeverity[s], 0);
  const summary: Section = {
    title: l.t('quarterly.executive'),
    blocks: [
      {
        type: 'metrics',
        items: [
          { label: l.t('quarterly.overall'), value: score(l, r.overall.value), note: l.t(`grade.${r.overall.grade}`), tone: r.overall.value !== null && r.overall.value >= 85 ? 'good' : 'bad' },
          { label: l.t('quarterly.findings'), value: l.num(total) },
          { label: l.severity('critical'), value: l.num(d.bySeverity.critical), tone: d.bySeverity.critical > 0 ? 'bad' : 'good' },
          { label: l.severity('high'), value: l.num(d.bySeverity.high), tone: d.bySeverity.high > 0 ? 'bad' : 'good' },
        ],
      },
      {
        type: 'paragraph',
        text: l.t('quarterly.summaryText', { score: score(l, r.overall.value), grade: l.t(`grade.${r.overall.grade}`), total, critical: d.bySeverity.critical, high: d.bySeverity.high }),
      },
      {
        type: 'list',
        items:
          d.keyFindings.length > 0
            ? d.keyFindings.map((k) => `[${l.severity(k.finding.rule.severity)}] ${l.t(`section.${k.section}`)}: ${k.finding.rule.title[l.lang]}`)
            : [l.t('quarterly.noKeyFindings')],
      },
      {
        type: 'chart',
        title: l.t('quarterly.scoreChart'),
        chart: {
          type: 'bar',
          stacked: false,
          horizontal: true,
          categories: r.sections.map((s) => l.t(`section.${s.id}`)),
          series: [{ name: l.t('quarterly.score'), values: r.sections.map((s) => s.score.value ?? 0) }],
        },
      },
      {
        type: 'chart',
        title: l.t('quarterly.severityChart'),
        chart: { type: 'bar', stacked: true, horizontal: true, categories: [l.t('quarterly.findings')], series: severitySeries(l, [d.bySeverity]) },
      },
      { type: 'callout', tone: 'warn', text: l.t('quarterly.disclaimer') },
    ],
  };
  const scope: Section = {
    title: l.t('quarterly.scope'),
    blocks: [
      { type: 'paragraph', text: l.t('quarterly.scopeText', { facts: r.factCount, rules: d.rulesEvaluated }) },
      ...(d.notAssessed.length > 0 ? [{ type: 'callout', tone: 'info', text: l.t('quarterly.notAssessed', { sections: d.notAssessed.map((s) => l.t(`section.${s}`)).join(', ') }) } as Block] : []),
      { type: 'table', columns: [l.t('quarterly.source'), l.t('quarterly.problem')], rows: r.problems.map((p) => [p.origin, p.message]), empty: l.t('quarterly.noProblems') },
    ],
  };
  const sections = r.sections.map((s, i): Section => ({ title: `${i + 1}. ${l.t(`section.${s.id}`)}`, blocks: sectionBlocks(l, s) }));
  return reportDoc('quarterly', ctx, l.t('quarterly.subtitle', { from: l.date(d.period.start), to: l.date(d.period.end - 1) }), [
    summary,
    scope,
    ...sections,
    ...(d.mlps ? mlpsSections(l, d.mlps) : []),
  ]);
}
