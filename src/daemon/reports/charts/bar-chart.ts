import type { BarChartSpec } from '../document.js';
import { escapeXml, fmtNum, legend, niceMax, seriesColor } from './svg.js';

const W = 640;
const FONT = 'font-family="sans-serif"';

/** Grouped or stacked bar chart as a standalone <svg>; vertical or horizontal (for top-N lists). */
export function barChart(spec: BarChartSpec, title: string): string {
  return spec.horizontal ? horizontal(spec, title) : vertical(spec, title);
}

function totals(spec: BarChartSpec): number[] {
  return spec.categories.map((_, i) => spec.series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
}

function maxValue(spec: BarChartSpec): number {
  const vals = spec.stacked ? totals(spec) : spec.series.flatMap((s) => s.values);
  return niceMax(Math.max(0, ...vals));
}

function frame(h: number, title: string, body: string): string {
  return `<svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${escapeXml(title)}" ${FONT}>${body}</svg>`;
}

function vertical(spec: BarChartSpec, title: string): string {
  const left = 40;
  const top = 10;
  const plotH = 180;
  const plotW = W - left - 10;
  const max = maxValue(spec);
  const n = Math.max(1, spec.categories.length);
  const slot = plotW / n;
  const groupW = slot * 0.7;
  const parts: string[] = [];
  for (let g = 0; g <= 4; g++) {
    const y = top + plotH - (plotH * g) / 4;
    parts.push(`<line x1="${left}" x2="${W - 10}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${left - 4}" y="${y + 4}" font-size="10" text-anchor="end">${fmtNum((max * g) / 4)}</text>`);
  }
  spec.categories.forEach((cat, i) => {
    const x0 = left + slot * i + (slot - groupW) / 2;
    let stackY = top + plotH;
    spec.series.forEach((se, s) => {
      const v = se.values[i] ?? 0;
      const h = (plotH * v) / max;
      const color = seriesColor(s, se.color);
      if (spec.stacked) {
        stackY -= h;
        if (v > 0)
          parts.push(
            `<rect x="${x0.toFixed(1)}" y="${stackY.toFixed(1)}" width="${groupW.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${escapeXml(`${cat} ${se.name}: ${v}`)}</title></rect>`,
          );
      } else {
        const bw = groupW / spec.series.length;
        if (v > 0)
          parts.push(
            `<rect x="${(x0 + bw * s).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${escapeXml(`${cat} ${se.name}: ${v}`)}</title></rect>`,
          );
      }
    });
    parts.push(`<text x="${(left + slot * i + slot / 2).toFixed(1)}" y="${top + plotH + 14}" font-size="10" text-anchor="middle">${escapeXml(cat)}</text>`);
  });
  const legendY = top + plotH + 26;
  parts.push(
    legend(
      spec.series.map((s, i) => ({ name: s.name, color: seriesColor(i, s.color) })),
      left,
      legendY,
    ),
  );
  return frame(legendY + 16, title, parts.join(''));
}

function horizontal(spec: BarChartSpec, title: string): string {
  const labelW = 200;
  const rowH = 20;
  const top = 6;
  const plotW = W - labelW - 50;
  const max = maxValue(spec);
  const tot = totals(spec);
  const parts: string[] = [];
  spec.categories.forEach((cat, i) => {
    const y = top + i * rowH;
    const label = cat.length > 30 ? `${cat.slice(0, 29)}…` : cat;
    parts.push(`<text x="${labelW - 6}" y="${y + 13}" font-size="11" text-anchor="end">${escapeXml(label)}</text>`);
    let x = labelW;
    spec.series.forEach((se, s) => {
      const v = se.values[i] ?? 0;
      const w = (plotW * v) / max;
      if (v > 0)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${seriesColor(s, se.color)}"><title>${escapeXml(`${cat} ${se.name}: ${v}`)}</title></rect>`,
        );
      x += w;
    });
    parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 13}" font-size="10">${fmtNum(tot[i] ?? 0)}</text>`);
  });
  let h = top + spec.categories.length * rowH + 4;
  if (spec.series.length > 1) {
    parts.push(
      legend(
        spec.series.map((s, i) => ({ name: s.name, color: seriesColor(i, s.color) })),
        labelW,
        h,
      ),
    );
    h += 16;
  }
  return frame(Math.max(h, 30), title, parts.join(''));
}
