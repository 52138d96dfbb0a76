import { displaySafe } from '../../shared/display-safe.js';
import type { IncidentReport } from '../../shared/incident.js';

const PHASE_TITLES = { prepare: '准备 Prepare', identify: '识别 Identify', contain: '遏制 Contain', eradicate: '根除 Eradicate', recover: '恢复 Recover', lessons: '总结 Lessons' } as const;

/** Table cells hold free text; pipes and newlines would break the row. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function para(s: string | undefined): string {
  return s && s.trim() !== '' ? s : '_未记录 / not recorded_';
}

/** 《应急响应报告》 / Incident Response Report as Markdown, bilingual headings. */
export function renderIncidentReportMarkdown(r: IncidentReport): string {
  const i = r.incident;
  const out: string[] = [
    `# 应急响应报告 / Incident Response Report — ${i.id}`,
    '',
    `**${cell(i.title)}**`,
    '',
    '| 字段 Field | 值 Value |',
    '|---|---|',
    `| 客户 Customer | ${cell(i.customer)} |`,
    `| 事件类型 Type | ${i.type.category.zh} / ${i.type.zh} (${i.type.category.en} / ${i.type.en}) |`,
    `| 级别 Severity | ${i.severity} |`,
    `| 状态 Status | ${i.status} |`,
    `| 负责人 Owner | ${cell(i.owner ?? '-')} |`,
    `| 开始 Opened | ${i.openedAt} |`,
    `| 结束 Closed | ${i.closedAt ?? '-'} |`,
    `| 处置时长 Duration | ${i.durationMinutes === null ? '-' : `${i.durationMinutes} min`} |`,
    `| 剧本 Playbook | ${r.playbook ? `${r.playbook.id}${r.playbook.commit ? ` @ ${r.playbook.commit.slice(0, 12)}` : ' (uncommitted)'}` : '-'} |`,
    '',
    '## 事件概述 / Summary',
    '',
    para(r.summary),
    '',
    '## 客户影响 / Customer impact',
    '',
    para(r.impact),
    '',
    '## 时间线 / Timeline',
    '',
    '| 时间 Time | 人员 Actor | 事件 Event |',
    '|---|---|---|',
    ...r.timeline.map((e) => `| ${e.at} | ${cell(e.actor)} | ${e.kind === 'note' ? '📝 ' : ''}${cell(e.text)} |`),
    '',
    '## 处置措施 / Actions taken',
    '',
  ];
  if (r.actions.length === 0) out.push('_无已完成步骤 / no checklist steps completed_', '');
  else {
    out.push('| 阶段 Phase | 步骤 Step | 执行 By | 时间 At |', '|---|---|---|---|');
    for (const a of r.actions) out.push(`| ${PHASE_TITLES[a.phase]} | \`${a.step}\` ${cell(a.zh)} / ${cell(a.en)} | ${cell(a.by)} | ${a.at} |`);
    out.push('');
  }
  if (r.openSteps.length > 0) {
    out.push(`未完成步骤 / Steps not done: ${r.openSteps.map((s) => `\`${s.step}\``).join(', ')}`, '');
  }
  out.push('## 失陷指标 / Observables', '');
  if (r.observables.length === 0) out.push('_无 / none_', '');
  else {
    out.push('| 类型 Kind | 值 Value | 来源 Source |', '|---|---|---|');
    for (const o of r.observables) out.push(`| ${o.kind} | \`${cell(o.value)}\` | ${cell(o.source)} |`);
    out.push('');
  }
  if (r.linked.alerts.length + r.linked.items.length > 0) {
    out.push('## 关联告警与事项 / Linked alerts and items', '');
    for (const a of r.linked.alerts) out.push(`- alert \`${a.id}\` ${a.severity ? `[${a.severity}] ` : ''}${a.title}${a.host ? ` (${a.host})` : ''}`);
    for (const l of r.linked.items) out.push(`- ${l.kind} \`${l.id}\``);
    out.push('');
  }
  out.push('## 损失评估 / Loss assessment', '', para(r.loss), '', '## 根本原因 / Root cause', '', para(r.rootCause), '', '## 经验教训 / Lessons learned', '', para(r.lessons), '');
  out.push('## 加固建议 / Hardening advice', '');
  if (r.hardening.length === 0) out.push('_无 / none_');
  else out.push(...r.hardening.map((h) => `- ${h}`));
  if (r.regulatorDraft) {
    out.push('', '## 网络安全事件报告（初报草稿）/ Regulator report draft', '', '| 项目 Field | 内容 Value |', '|---|---|');
    for (const f of r.regulatorDraft) out.push(`| ${f.field} | ${cell(f.value)} |`);
  }
  out.push('', `_${r.generatedAt} · ${r.generatedBy} · socdeck_`, '');
  // Titles, notes and timeline entries are free text from alerts and analysts; the report is read in terminals too.
  return displaySafe(out.join('\n'), { keepLayout: true });
}
