/** Escapes text for XML/HTML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A round axis maximum (1, 2, 5 × 10^n) at or above v, so gridlines land on readable numbers. */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * pow >= v) return m * pow;
  return 10 * pow;
}

export function fmtNum(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Colours for series without their own; chosen to stay distinct when printed in greyscale. */
export const PALETTE = ['#1f5fa8', '#e07b39', '#3a9a5b', '#c0392b', '#7d5ba6', '#8c8c8c', '#d4a017'] as const;

export const SEVERITY_COLORS = { info: '#8c8c8c', low: '#3a9a5b', medium: '#d4a017', high: '#e07b39', critical: '#c0392b' } as const;

export function seriesColor(i: number, own?: string): string {
  return own ?? PALETTE[i % PALETTE.length]!;
}

/** Legend row under a chart; returns the SVG fragment and its height. */
export function legend(names: { name: string; color: string }[], x: number, y: number): string {
  let cx = x;
  return names
    .map(({ name, color }) => {
      const item = `<rect x="${cx}" y="${y}" width="10" height="10" fill="${color}"/><text x="${cx + 14}" y="${y + 9}" font-size="11">${escapeXml(name)}</text>`;
      cx += 24 + Math.max(4, name.length) * 7;
      return item;
    })
    .join('');
}
