import type { ReportDoc } from '../document.js';
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
    { title: l.t('col.remediation'), blocks: [{ type: 'list', items: k.remediation.length > 0 ? k.remediation : [l.t('leak.defaultRotate'), l.t('leak.defaultAudit'), l.t('leak.defaultPurge'), l.t('leak.defaultPrevent')] }] },
  ]);
}
