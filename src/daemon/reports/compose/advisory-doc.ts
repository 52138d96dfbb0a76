import type { ReportDoc } from '../document.js';
import type { AdvisoryRecord } from '../inputs/records.js';
import { reportDoc, type ComposeContext } from './common.js';

/** 《重大漏洞通告》 for one advisory item from the intel subsystem. */
export function composeAdvisory(a: AdvisoryRecord, ctx: ComposeContext): ReportDoc {
  const l = ctx.locale;
  const assets = new Set(a.affected.map((x) => x.asset));
  return reportDoc('advisory', ctx, a.title, [
    {
      title: l.t('advisory.summary'),
      blocks: [
        {
          type: 'metrics',
          items: [
            { label: l.t('col.severity'), value: l.severity(a.severity), tone: a.severity === 'critical' || a.severity === 'high' ? 'bad' : 'neutral' },
            { label: 'CVSS', value: a.cvss === undefined ? l.t('common.na') : a.cvss.toFixed(1) },
            { label: l.t('advisory.kev'), value: a.kev ? l.t('common.yes') : l.t('common.no'), tone: a.kev ? 'bad' : 'neutral' },
            { label: l.t('advisory.assets'), value: l.num(assets.size) },
          ],
        },
        {
          type: 'table',
          columns: [l.t('advisory.field'), l.t('advisory.value')],
          rows: [
            [l.t('advisory.cves'), a.cves.join(', ') || '-'],
            [l.t('advisory.exploit'), a.exploit ?? l.t('common.na')],
            [l.t('advisory.published'), l.dateTime(a.createdAt)],
          ],
          empty: '',
        },
        ...(a.description ? [{ type: 'paragraph' as const, text: a.description }] : []),
      ],
    },
    {
      title: l.t('advisory.affected'),
      blocks: [
        {
          type: 'table',
          columns: [l.t('col.asset'), l.t('advisory.package'), l.t('advisory.installed'), l.t('advisory.fixed')],
          rows: a.affected.map((x) => [x.asset, x.package, x.installed, x.fixed ?? l.t('advisory.noFix')]),
          empty: l.t('advisory.noAffected'),
        },
      ],
    },
    { title: l.t('col.remediation'), blocks: [{ type: 'paragraph', text: a.remediation ?? l.t('advisory.defaultRemediation') }] },
    { title: l.t('advisory.references'), blocks: [{ type: 'list', items: a.references.length > 0 ? a.references : [l.t('common.none')] }] },
  ]);
}
