import type { Advisory } from '../../../shared/intel.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** 《重大漏洞通告》 Major Vulnerability Advisory as Markdown: the minimum deliverable of a publish. */
export function renderAdvisoryMarkdown(a: Advisory, publishedBy: string, at: string): string {
  const scores = a.cvss.filter((c) => c.score !== undefined).map((c) => `CVSS ${c.version} ${c.score}${c.vector ? ` (\`${c.vector}\`)` : ''}${c.source ? ` — ${c.source}` : ''}`);
  return [
    `# 重大漏洞通告 Major Vulnerability Advisory — ${a.vuln}`,
    '',
    `**${a.title}**`,
    '',
    '| field | value |',
    '|---|---|',
    `| customer | ${cell(a.customer)} |`,
    `| severity | ${a.severity} (${cell(a.severityReason)}) |`,
    `| CISA KEV | ${a.kev ? `yes, added ${a.kev.dateAdded}, due ${a.kev.dueDate}` : 'no'} |`,
    `| exploit status | ${cell(a.exploitStatus)} |`,
    `| exposure | ${a.exposure} |`,
    `| aliases | ${cell(a.aliases.join(', ') || '-')} |`,
    `| published | ${at} by ${cell(publishedBy)} |`,
    '',
    '## Summary',
    '',
    a.summary || '-',
    '',
    '## Scores',
    '',
    ...(scores.length ? scores.map((s) => `- ${s}`) : ['- none given']),
    '',
    '## Affected assets',
    '',
    '| asset | package | ecosystem | installed | fixed | matched range |',
    '|---|---|---|---|---|---|',
    ...a.affected.map((h) => `| ${cell(h.asset)} | ${cell(h.package)} | ${cell(h.ecosystem)} | ${cell(h.installed)} | ${cell(h.fixed ?? 'no fix')} | ${cell(h.range)} |`),
    '',
    '## Remediation',
    '',
    a.remediation,
    '',
    '## References',
    '',
    ...(a.references.length ? a.references.map((r) => `- ${r}`) : ['- none']),
    '',
  ].join('\n');
}
