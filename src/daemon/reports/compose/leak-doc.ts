import type { CloudActivity } from '../../../shared/cloud.js';
import type { ReportDoc, Section } from '../document.js';
import type { LeakRecord } from '../inputs/records.js';
import { reportDoc, type ComposeContext } from './common.js';

/**
 * Masks again whatever the leaks subsystem stored: a report leaves the building, so it must
 * never carry more than a short prefix and suffix of a key, even if upstream masking regressed.
 */
export function remask(s: string): string {
  const visible = s.replace(/[*…•x]{3,}/gi, '');
  if (visible.length <= 8) return `${visible.slice(0, 2)}********`;
  return `${s.slice(0, 4)}********${s.slice(-2)}`;
}

/** 《泄露事件报告》 for one leak item. */
export function composeLeak(k: LeakRecord, ctx: ComposeContext): ReportDoc {
  const l = ctx.locale;
  return reportDoc('leak', ctx, l.t('leak.subtitle', { provider: k.provider, rule: k.rule }), [
    {
      title: l.t('leak.summary'),
      blocks: [
        {
          type: 'metrics',
          items: [
            { label: l.t('col.severity'), value: l.severity(k.severity), tone: 'bad' },
            { label: l.t('leak.provider'), value: k.provider },
            { label: l.t('leak.key'), value: remask(k.masked) },
            { label: l.t('col.status'), value: k.state },
            { label: l.t('col.firstSeen'), value: l.dateTime(k.detectedAt) },
          ],
        },
        { type: 'paragraph', text: l.t('leak.text', { count: k.locations.length, provider: k.provider }) },
      ],
    },
    {
      title: l.t('leak.locations'),
      blocks: [
        {
          type: 'table',
          columns: [l.t('leak.file'), l.t('leak.line'), l.t('leak.commit'), l.t('leak.author'), l.t('leak.date')],
          rows: k.locations.map((x) => [x.file, x.line === undefined ? '-' : String(x.line), x.commit?.slice(0, 12) ?? '-', x.author ?? '-', x.date ?? '-']),
          empty: l.t('common.none'),
        },
      ],
    },
    ...(k.cloudActivity ? [cloudTrailSection(k.cloudActivity, ctx)] : []),
    {
      title: l.t('col.remediation'),
      blocks: [{ type: 'list', items: k.remediation.length > 0 ? k.remediation : [l.t('leak.defaultRotate'), l.t('leak.defaultAudit'), l.t('leak.defaultPurge'), l.t('leak.defaultPrevent')] }],
    },
  ]);
}

/** The leaked key's calls in the customer's cloud audit trail (Tencent CloudAudit), newest first. */
function cloudTrailSection(a: CloudActivity, ctx: ComposeContext): Section {
  const l = ctx.locale;
  return {
    title: l.t('leak.cloudTrail'),
    blocks: [
      { type: 'paragraph', text: a.managed ? l.t('leak.cloudText', { account: a.account ?? '?', total: a.total, outside: a.outside }) : l.t('leak.cloudUnmanaged') },
      {
        type: 'table',
        columns: [l.t('leak.date'), l.t('leak.sourceIp'), l.t('leak.action'), l.t('leak.region'), l.t('leak.outside')],
        rows: a.calls.slice(0, 100).map((c) => [l.dateTime(c.time), c.sourceIp, c.product ? `${c.product.split('.')[0]}:${c.action}` : c.action, c.region, c.outside ? l.t('leak.outsideYes') : '-']),
        empty: l.t('common.none'),
      },
    ],
  };
}
