import type { ReportDoc } from '../document.js';
import type { IncidentRecord } from '../inputs/records.js';
import { regulatorDraft } from '../../../shared/regulator-draft.js';
import { reportDoc, type ComposeContext } from './common.js';

/** 《应急响应报告》 for one incident case. */
export function composeIncident(i: IncidentRecord, ctx: ComposeContext): ReportDoc {
  const l = ctx.locale;
  const durationMin = i.closedAt ? (Date.parse(i.closedAt) - Date.parse(i.openedAt)) / 60_000 : null;
  const text = (v: string | undefined) => v ?? l.t('incident.notRecorded');
  const draft = regulatorDraft({ ...i, hosts: i.observables.filter((o) => o.kind === 'host').map((o) => o.value), measures: i.checklist.filter((c) => c.done).map((c) => c.step) });
  return reportDoc('incident', ctx, i.title, [
    {
      title: l.t('incident.summary'),
      blocks: [
        {
          type: 'metrics',
          items: [
            { label: l.t('incident.type'), value: i.type },
            { label: l.t('col.severity'), value: l.severity(i.severity), tone: 'bad' },
            { label: l.t('col.status'), value: l.t(`incident.status.${i.status}`) },
            { label: l.t('incident.owner'), value: i.owner ?? '-' },
            { label: l.t('incident.duration'), value: l.minutes(durationMin) },
          ],
        },
        {
          type: 'table',
          columns: [l.t('advisory.field'), l.t('advisory.value')],
          rows: [
            [l.t('col.opened'), l.dateTime(i.openedAt)],
            [l.t('col.closed'), i.closedAt ? l.dateTime(i.closedAt) : '-'],
            [l.t('incident.playbook'), i.playbook ? `${i.playbook.id}${i.playbook.commit ? ` @ ${i.playbook.commit.slice(0, 12)}` : ''}` : '-'],
          ],
          empty: '',
        },
        { type: 'paragraph', text: text(i.summary) },
      ],
    },
    { title: l.t('incident.impact'), blocks: [{ type: 'paragraph', text: text(i.impact) }] },
    {
      title: l.t('incident.timeline'),
      blocks: [
        {
          type: 'table',
          columns: [l.t('incident.time'), l.t('incident.actor'), l.t('incident.event')],
          rows: [...i.timeline].sort((a, b) => a.at.localeCompare(b.at)).map((e) => [l.dateTime(e.at), e.actor ?? '-', e.text]),
          empty: l.t('common.none'),
        },
      ],
    },
    {
      title: l.t('incident.checklist'),
      blocks: [
        {
          type: 'table',
          columns: [l.t('incident.step'), l.t('incident.done'), l.t('incident.by')],
          rows: i.checklist.map((c) => [c.step, c.done ? l.t('common.yes') : l.t('common.no'), c.by ?? '-']),
          empty: l.t('common.none'),
        },
      ],
    },
    { title: l.t('incident.rootCause'), blocks: [{ type: 'paragraph', text: text(i.rootCause) }] },
    { title: l.t('incident.loss'), blocks: [{ type: 'paragraph', text: text(i.loss) }] },
    { title: l.t('incident.lessons'), blocks: [{ type: 'paragraph', text: text(i.lessons) }] },
    ...(draft
      ? [
          {
            title: l.t('incident.regulatorDraft'),
            blocks: [{ type: 'table' as const, columns: [l.t('advisory.field'), l.t('advisory.value')], rows: draft.map((f) => [f.field, f.value]), empty: '' }],
          },
        ]
      : []),
  ]);
}
