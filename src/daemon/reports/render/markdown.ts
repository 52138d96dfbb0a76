import type { Block, ChartSpec, ReportDoc } from '../document.js';

/** Table cells cannot hold pipes or newlines. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(columns: string[], rows: string[][], numeric: number[] = []): string {
  const align = columns.map((_, i) => (numeric.includes(i) ? '---:' : '---'));
  return [`| ${columns.map(cell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** Markdown has no charts: the same figures become a table, so nothing is lost. */
function chartTable(spec: ChartSpec): string {
  const columns = ['', ...spec.series.map((s) => s.name)];
  const rows = spec.categories.map((c, i) => [c, ...spec.series.map((s) => String(s.values[i] ?? 0))]);
  return table(
    columns,
    rows,
    spec.series.map((_, i) => i + 1),
  );
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return b.text;
    case 'metrics':
      return b.items.map((m) => `- **${m.label}**: ${m.value}${m.note ? ` (${m.note})` : ''}`).join('\n');
    case 'table':
      return b.rows.length === 0 ? `_${b.empty}_` : table(b.columns, b.rows, b.numeric);
    case 'chart':
      return `**${b.title}**\n\n${chartTable(b.chart)}`;
    case 'heatmap':
      if (b.heat.rows.length === 0) return `_${b.empty}_`;
      return `**${b.title}**\n\n${table(
        [b.heat.corner, ...b.heat.columns],
        b.heat.rows.map((r, i) => [r, ...b.heat.values[i]!.map(String)]),
        b.heat.columns.map((_, j) => j + 1),
      )}`;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'callout':
      return `> ${b.tone === 'warn' ? '⚠ ' : ''}${b.text.replace(/\n/g, '\n> ')}`;
  }
}

export function renderMarkdown(doc: ReportDoc): string {
  const out = [`# ${doc.title}`, '', `_${doc.subtitle}_`, '', ...doc.meta.map(([k, v]) => `- ${k}: ${v}`), ''];
  for (const s of doc.sections) {
    out.push(`## ${s.title}`, '');
    for (const b of s.blocks) out.push(block(b), '');
  }
  out.push('---', '', doc.footer, '');
  return out.join('\n');
}
