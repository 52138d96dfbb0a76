import { GRADE_CRITERIA, mustReport, type IncidentGrading } from './incident-grade.js';
import { incidentTypeInfo, isIncidentType } from './incident-taxonomy.js';

const TO_FILL = '（待填写 / to fill）';
const CLASS_NAMES = { cii: '关键信息基础设施运营者', central: '中央和国家机关', other: '其他网络运营者' } as const;

/** What the draft is filled from; both the incident report and the reports module's document supply it. */
export interface DraftInput {
  customer: string;
  type: string;
  openedAt: string;
  grading?: IncidentGrading | undefined;
  impact?: string | undefined;
  loss?: string | undefined;
  rootCause?: string | undefined;
  owner?: string | undefined;
  /** Earliest first-seen time of the linked alerts. */
  firstSeen?: string | undefined;
  hosts: readonly string[];
  /** Response steps done, in order. */
  measures: readonly string[];
  reportDueAt?: string | undefined;
}

export interface DraftField {
  field: string;
  value: string;
}

/**
 * The report to the regulator, pre-filled with what the incident already knows, in the order of
 * the fields 《国家网络安全事件报告管理办法》 lists; what the record cannot know is marked to fill.
 * Only for incidents graded 较大 or above (the ones that must be reported).
 */
export function regulatorDraft(d: DraftInput): DraftField[] | undefined {
  const g = d.grading;
  if (!g || !mustReport(g.grade)) return undefined;
  const info = isIncidentType(d.type) ? incidentTypeInfo(d.type) : undefined;
  const row = (field: string, value: string | undefined): DraftField => ({ field, value: value?.trim() ? value : TO_FILL });
  return [
    row('报告单位 / Reporting unit', `${d.customer}（${CLASS_NAMES[g.operatorClass]}）`),
    row('事件发生时间 / Time of occurrence', d.firstSeen),
    row('发现时间 / Time of discovery', d.openedAt),
    row('报告时限 / Report due', d.reportDueAt),
    row('受影响系统与设施 / Affected systems', d.hosts.join(', ')),
    row('事件类型 / Incident type', info ? `${info.zh} / ${info.en}` : d.type),
    row('事件级别 / Grade', `${g.grade}（${g.by} ${g.at}）`),
    row('定级依据 / Grading criteria', g.criteria.map(criterionText).join('；')),
    row('影响范围与危害程度 / Impact', [d.impact, d.loss].filter(Boolean).join('；')),
    row('已采取的处置措施及效果 / Measures taken', d.measures.join('；')),
    row('事态发展趋势 / Trend', undefined),
    row('初步原因分析 / Preliminary cause', d.rootCause),
    row('可能造成的进一步影响 / Possible further impact', undefined),
    row('联系人及联系方式 / Contact', d.owner),
  ];
}

export function criterionText(id: string): string {
  const c = GRADE_CRITERIA.find((x) => x.id === id);
  return c ? `${c.zh} / ${c.en}` : id;
}
