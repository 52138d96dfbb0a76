import type { LineChartSpec } from '../document.js';
import { escapeXml, fmtNum, legend, niceMax, seriesColor } from './svg.js';

const W = 640;

/** Trend lines (e.g. findings per month) as a standalone <svg>. */
export function lineChart(spec: LineChartSpec, title: string): string {
  const left = 40;
  const top = 10;
  const plotH = 160;
  const plotW = W - left - 20;
  const max = niceMax(Math.max(0, ...spec.series.flatMap((s) => s.values)));
  const n = spec.categories.length;
  const xAt = (i: number) => left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const yAt = (v: number) => top + plotH - (plotH * v) / max;
  const parts: string[] = [];
  for (let g = 0; g <= 4; g++) {
    const y = top + plotH - (plotH * g) / 4;
    parts.push(`<line x1="${left}" x2="${W - 20}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${left - 4}" y="${y + 4}" font-size="10" text-anchor="end">${fmtNum((max * g) / 4)}</text>`);
  }
  spec.categories.forEach((c, i) => parts.push(`<text x="${xAt(i).toFixed(1)}" y="${top + plotH + 14}" font-size="10" text-anchor="middle">${escapeXml(c)}</text>`));
  spec.series.forEach((se, s) => {
    const color = seriesColor(s, se.color);
    const pts = se.values.map((v, i) => `${xAt(i).toFixed(1)},${yAt(v).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>`);
    se.values.forEach((v, i) =>
      parts.push(`<circle cx="${xAt(i).toFixed(1)}" cy="${yAt(v).toFixed(1)}" r="3" fill="${color}"><title>${escapeXml(`${spec.categories[i] ?? ''} ${se.name}: ${v}`)}</title></circle>`),
    );
  });
  const legendY = top + plotH + 26;
  parts.push(
    legend(
      spec.series.map((s, i) => ({ name: s.name, color: seriesColor(i, s.color) })),
      left,
      legendY,
    ),
  );
  const h = legendY + 16;
  return `<svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif">${parts.join('')}</svg>`;
}
