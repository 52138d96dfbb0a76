import { z } from 'zod';

/**
 * Incident grades of 《国家网络安全事件报告管理办法》 (in force 2025-11-01), most severe first.
 * 较大 and above must be reported to the regulator within a deadline set by operator class.
 */
export const INCIDENT_GRADES = ['特别重大', '重大', '较大', '一般'] as const;
export const IncidentGrade = z.enum(INCIDENT_GRADES);
export type IncidentGrade = z.infer<typeof IncidentGrade>;

export const OPERATOR_CLASSES = ['cii', 'central', 'other'] as const;
export const OperatorClass = z.enum(OPERATOR_CLASSES);
export type OperatorClass = z.infer<typeof OperatorClass>;

/** Whether a grade starts the reporting clock (较大 or above). */
export function mustReport(grade: IncidentGrade): boolean {
  return INCIDENT_GRADES.indexOf(grade) <= INCIDENT_GRADES.indexOf('较大');
}

/**
 * The grading guide's quantitative thresholds as a checklist: the analyst ticks what is met and
 * the highest grade ticked is the suggested grade. Ids are what the CLI and the record carry.
 *
 * Source: 《网络安全事件分级指南》, the annex of 《国家网络安全事件报告管理办法》 (国家互联网信息办公室,
 * 2025-09-11, in force 2025-11-01), "通常情况下，满足下列条件之一的，可判别为…" lists. Checked on
 * 2026-12-08 against the published final text for 特别重大: its population criterion is 50 % of one
 * or more provinces (the 2023-12 draft said 30 % of one), and a provincial Party/government portal
 * or central key news site down 24 h+ is its own criterion. The 重大 and 较大 rows below still
 * follow the 2023 draft's wording and were not re-checked against the final text.
 */
export const GRADE_CRITERIA = [
  { id: 'cii-outage-6h', grade: '特别重大', zh: '关键信息基础设施整体中断运行 6 小时以上或主要功能中断 24 小时以上', en: 'CII wholly down 6 h+ or main functions down 24 h+' },
  {
    id: 'people-10m',
    grade: '特别重大',
    zh: '影响一个或多个省级行政区 50% 以上人口，或者 1000 万人以上用水、用电、用气、用油、取暖、交通出行、就医、购物等工作、生活',
    en: 'Affects 50 %+ of one or more provinces, or 10 million+ people',
  },
  {
    id: 'gov-site-24h',
    grade: '特别重大',
    zh: '省级以上党政机关门户网站、中央重点新闻网站因攻击、故障，导致 24 小时以上不能访问',
    en: 'Provincial+ Party/government portal or central key news site unreachable 24 h+',
  },
  { id: 'pi-100m', grade: '特别重大', zh: '1 亿人以上个人信息泄露', en: 'Personal information of 100 million+ people leaked' },
  { id: 'loss-100m-cny', grade: '特别重大', zh: '直接经济损失 1 亿元以上', en: 'Direct economic loss CNY 100 million+' },
  { id: 'cii-outage-2h', grade: '重大', zh: '关键信息基础设施整体中断运行 2 小时以上或主要功能中断 6 小时以上', en: 'CII wholly down 2 h+ or main functions down 6 h+' },
  { id: 'people-1m', grade: '重大', zh: '影响单个省级行政区 10% 以上人口或 100 万人以上的工作生活', en: 'Affects 10 %+ of a province or 1 million+ people' },
  { id: 'pi-10m', grade: '重大', zh: '1000 万人以上个人信息泄露', en: 'Personal information of 10 million+ people leaked' },
  { id: 'loss-20m-cny', grade: '重大', zh: '直接经济损失 2000 万元以上', en: 'Direct economic loss CNY 20 million+' },
  { id: 'cii-outage-30m', grade: '较大', zh: '关键信息基础设施整体中断运行 30 分钟以上或主要功能中断 2 小时以上', en: 'CII wholly down 30 min+ or main functions down 2 h+' },
  { id: 'people-100k', grade: '较大', zh: '影响 10 万人以上的工作生活', en: 'Affects 100,000+ people' },
  { id: 'pi-1m', grade: '较大', zh: '100 万人以上个人信息泄露', en: 'Personal information of 1 million+ people leaked' },
  { id: 'gov-site-down', grade: '较大', zh: '地市级以上党政机关门户网站或重点新闻网站瘫痪、被篡改', en: 'Prefecture-level+ Party/government portal or key news site down or defaced' },
  { id: 'loss-5m-cny', grade: '较大', zh: '直接经济损失 500 万元以上', en: 'Direct economic loss CNY 5 million+' },
  { id: 'below-thresholds', grade: '一般', zh: '其他对国家安全、社会秩序、经济建设和公众利益构成威胁的事件', en: 'Other incidents threatening security, order or the public' },
] as const satisfies readonly { id: string; grade: IncidentGrade; zh: string; en: string }[];
export type GradeCriterionId = (typeof GRADE_CRITERIA)[number]['id'];
export const GRADE_CRITERION_IDS = GRADE_CRITERIA.map((c) => c.id) as [GradeCriterionId, ...GradeCriterionId[]];

/** The most severe grade the ticked criteria reach; undefined when nothing is ticked. */
export function suggestedGrade(criteria: readonly string[]): IncidentGrade | undefined {
  const hit = GRADE_CRITERIA.filter((c) => criteria.includes(c.id)).map((c) => INCIDENT_GRADES.indexOf(c.grade));
  return hit.length ? INCIDENT_GRADES[Math.min(...hit)] : undefined;
}

export const IncidentGrading = z.object({
  grade: IncidentGrade,
  criteria: z.array(z.enum(GRADE_CRITERION_IDS)),
  operatorClass: OperatorClass,
  by: z.string(),
  at: z.string(),
  /** The SLA policy the reporting clock runs under (`report-<operatorClass>`); absent when never graded 较大 or above. */
  reportPolicy: z.string().optional(),
  /** When and by whom the report was filed with the regulator: stops the reporting clock. */
  reportedAt: z.string().optional(),
  reportedBy: z.string().optional(),
});
export type IncidentGrading = z.infer<typeof IncidentGrading>;
