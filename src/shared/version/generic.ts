import { compareDigits, VersionParseError } from './version-error.js';

/**
 * Fallback for ecosystems without a dedicated comparator (NuGet four-part versions, Packagist,
 * RubyGems-like strings): numeric runs compare as numbers, letter runs as text, and a letter
 * run after the shared prefix marks a pre-release (1.0.0-beta < 1.0.0 < 1.0.0.1).
 */
export function compareGeneric(a: string, b: string): -1 | 0 | 1 {
  const x = tokens(a);
  const y = tokens(b);
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return q !== undefined && isNum(q) ? (/^0+$/.test(q) && allZero(y, i) ? 0 : -1) : 1;
    if (q === undefined) return isNum(p) ? (/^0+$/.test(p) && allZero(x, i) ? 0 : 1) : -1;
    const pn = isNum(p);
    const qn = isNum(q);
    if (pn && qn) {
      const d = compareDigits(p, q);
      if (d !== 0) return d;
    } else if (pn !== qn) {
      return pn ? 1 : -1;
    } else if (p !== q) {
      return p < q ? -1 : 1;
    }
  }
  return 0;
}

const isNum = (t: string): boolean => /^\d+$/.test(t);
const allZero = (ts: string[], from: number): boolean => ts.slice(from).every((t) => /^0+$/.test(t));

function tokens(v: string): string[] {
  const s = v
    .trim()
    .toLowerCase()
    .replace(/^v(?=\d)/, '')
    .replace(/\+.*$/, '');
  if (s === '') throw new VersionParseError('generic', v, 'empty version');
  return s.match(/\d+|[a-z]+/g) ?? [];
}
