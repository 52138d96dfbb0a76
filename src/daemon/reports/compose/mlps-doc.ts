import type { MlpsSummary } from '../../assess/mlps/mlps-status.js';
import type { Block, Section } from '../document.js';
import type { Locale } from '../i18n/locale.js';

const RULES_SHOWN = 6;

/** The 等保 section: an overview, then one section per control family of the filing level. */
export function mlpsSections(l: Locale, m: MlpsSummary): Section[] {
  const lang = l.lang;
  const total = m.counts.passed + m.counts.failed + m.counts.not_assessed;
  const overview: Section = {
    title: l.t('mlps.overviewTitle', { level: m.level }),
    blocks: [
      {
        type: 'metrics',
        items: [
          { label: l.t('mlps.status.passed'), value: l.num(m.counts.passed), tone: 'good' },
          { label: l.t('mlps.status.failed'), value: l.num(m.counts.failed), tone: m.counts.failed > 0 ? 'bad' : 'good' },
          { label: l.t('mlps.status.not_assessed'), value: l.num(m.counts.not_assessed), tone: 'neutral' },
        ],
      },
      { type: 'paragraph', text: l.t('mlps.overview', { level: m.level, total, passed: m.counts.passed, failed: m.counts.failed, notAssessed: m.counts.not_assessed }) },
    ],
  };
  const families = m.families.map((f): Section => {
    const blocks: Block[] = [
      {
        type: 'table',
        columns: [l.t('mlps.clause'), l.t('mlps.item'), l.t('mlps.status'), l.t('mlps.rules')],
        rows: f.items.map((i) => {
          const more = i.rules.length - RULES_SHOWN;
          return [
            (m.level === 2 ? i.control.clause.l2 : i.control.clause.l3) ?? i.control.clause.l3,
            i.control.title[lang],
            l.t(`mlps.status.${i.status}`),
            [...i.rules.slice(0, RULES_SHOWN), ...(more > 0 ? [`+${more}`] : [])].join(', ') || '-',
          ];
        }),
        empty: l.t('mlps.noTechnical'),
      },
    ];
    if (f.documentary.length > 0) {
      blocks.push({ type: 'paragraph', text: l.t('mlps.documentary') });
      blocks.push({ type: 'list', items: f.documentary.map((c) => `${(m.level === 2 ? c.clause.l2 : c.clause.l3) ?? c.clause.l3} ${c.title[lang]}`) });
    }
    return { title: l.t('mlps.title', { level: m.level, family: f.title[lang] }), blocks };
  });
  return [overview, ...families];
}
