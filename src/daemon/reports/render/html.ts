import { chartSvg } from '../charts/chart.js';
import { heatMap } from '../charts/heat-map.js';
import { escapeXml as esc } from '../charts/svg.js';
import type { Block, ReportDoc } from '../document.js';
import { REPORT_CSS } from './html-style.js';

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'metrics':
      return `<div class="metrics">${b.items
        .map(
          (m) =>
            `<div class="metric ${m.tone ?? 'neutral'}"><div class="label">${esc(m.label)}</div><div class="value">${esc(m.value)}</div>${m.note ? `<div class="note">${esc(m.note)}</div>` : ''}</div>`,
        )
        .join('')}</div>`;
    case 'table': {
      if (b.rows.length === 0) return `<p class="empty">${esc(b.empty)}</p>`;
      const num = new Set(b.numeric ?? []);
      const head = `<thead><tr>${b.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>`;
      const body = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${num.has(i) ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('');
      return `<table>${head}<tbody>${body}</tbody></table>`;
    }
    case 'chart':
      return `<figure><figcaption>${esc(b.title)}</figcaption>${chartSvg(b.chart, b.title)}</figure>`;
    case 'heatmap':
      return b.heat.rows.length === 0 ? `<p class="empty">${esc(b.empty)}</p>` : `<figure><figcaption>${esc(b.title)}</figcaption>${heatMap(b.heat, b.title)}</figure>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'callout':
      return `<div class="callout ${b.tone}">${esc(b.text)}</div>`;
  }
}

/** One self-contained HTML file: inline CSS and inline SVG, no scripts, no external resources. */
export function renderHtml(doc: ReportDoc): string {
  const meta = doc.meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  const sections = doc.sections.map((s) => `<section><h2>${esc(s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${esc(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${esc(doc.title)}</h1><p class="subtitle">${esc(doc.subtitle)}</p><dl class="meta">${meta}</dl></header>
<main>
${sections}
</main>
<footer>${esc(doc.footer)}</footer>
</body>
</html>
`;
}
