import { displaySafe } from '../../../shared/display-safe.js';
import type { HeatMapSpec } from '../document.js';
import { escapeXml } from './svg.js';

const CELL_W = 64;
const CELL_H = 20;
const LABEL_W = 180;
const HEAD_H = 60;
/** Sequential scale from pale to dark blue; readable when printed in greyscale. */
const SCALE = ['#f1f5fb', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

/** Text from alerts is attacker-controlled: controls made visible, then XML-escaped. */
function text(s: string): string {
  return escapeXml(displaySafe(s));
}

/** Cell colour: 0 is blank, then five steps of the scale up to the largest cell. */
export function heatColor(v: number, max: number): string {
  if (v <= 0 || max <= 0) return '#ffffff';
  return SCALE[Math.min(SCALE.length - 1, 1 + Math.floor(((SCALE.length - 1) * (v - 1)) / Math.max(1, max)))]!;
}

/** A labelled grid as a standalone <svg>; each cell carries its value as text and as a <title>. */
export function heatMap(spec: HeatMapSpec, title: string): string {
  const w = LABEL_W + CELL_W * spec.columns.length + 10;
  const h = HEAD_H + CELL_H * spec.rows.length + 10;
  const parts: string[] = [];
  spec.columns.forEach((c, j) => {
    const x = LABEL_W + CELL_W * j + CELL_W / 2;
    parts.push(`<text x="${x}" y="${HEAD_H - 6}" font-size="10" text-anchor="start" transform="rotate(-30 ${x} ${HEAD_H - 6})">${text(c)}</text>`);
  });
  spec.rows.forEach((r, i) => {
    const y = HEAD_H + CELL_H * i;
    parts.push(`<text x="${LABEL_W - 6}" y="${y + 14}" font-size="11" text-anchor="end">${text(r)}</text>`);
    spec.values[i]!.forEach((v, j) => {
      const x = LABEL_W + CELL_W * j;
      const fill = heatColor(v, spec.max);
      const ink = fill === SCALE[4] || fill === SCALE[5] ? '#ffffff' : '#222222';
      parts.push(
        `<g><title>${text(`${r} / ${spec.columns[j] ?? ''}: ${v}`)}</title><rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${fill}" stroke="#dddddd"/>` +
          `<text x="${x + CELL_W / 2 - 1}" y="${y + 13}" font-size="10" text-anchor="middle" fill="${ink}">${v > 0 ? v : ''}</text></g>`,
      );
    });
  });
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${text(title)}" font-family="sans-serif">${parts.join('')}</svg>`;
}
