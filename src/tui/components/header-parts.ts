import { textCols } from '../../shared/text.js';

/** One piece of the header line. */
export interface HeaderPart {
  text: string;
  /** 0 is always shown; when the line is too narrow the highest rank goes first. */
  rank: number;
  /** What comes before it on its side of the line (none for the first part of a side). */
  sep: string;
  /** A part that may be cut (with an ellipsis) down to this many columns rather than dropped: the filter. */
  minCols?: number;
  color?: string;
  dim?: boolean;
  bold?: boolean;
}

/** Columns kept blank between the two sides, so that they never read as one. */
export const HEADER_GAP = 3;

// Columns are code points, not cells: CJK in a filter is cut by Ink's own truncation instead.
function sideWidth(parts: readonly HeaderPart[]): number {
  return parts.reduce((sum, p, i) => sum + textCols(p.text) + (i === 0 ? 0 : p.sep.length), 0);
}

/**
 * The parts that fit one line of `width` columns with at least HEADER_GAP columns between the sides.
 * The highest rank goes first (of equal ranks, the one furthest right); a part with `minCols`
 * is cut instead, once only parts of its rank or lower are left and the cut is enough. A
 * header that wrapped would make the frame taller than the terminal, which Ink answers by
 * clearing it.
 */
export function fitHeader(left: readonly HeaderPart[], right: readonly HeaderPart[], width: number): { left: HeaderPart[]; right: HeaderPart[] } {
  const kept = { left: [...left], right: [...right] };
  const total = () => sideWidth(kept.left) + (kept.right.length > 0 ? HEADER_GAP + sideWidth(kept.right) : 0);
  for (let over = total() - width; over > 0; over = total() - width) {
    let worst: { side: 'left' | 'right'; at: number; rank: number } | undefined;
    for (const side of ['left', 'right'] as const) {
      kept[side].forEach((p, at) => {
        if (p.rank > 0 && (!worst || p.rank >= worst.rank)) worst = { side, at, rank: p.rank };
      });
    }
    const side = kept.left.some((p) => cuttable(p, worst?.rank)) ? kept.left : kept.right;
    const at = side.findIndex((p) => cuttable(p, worst?.rank));
    const p = side[at];
    // Cut only when that alone makes the line fit (or nothing else can go): a part dropped later must not leave a needlessly short cut behind.
    if (p && (textCols(p.text) - p.minCols! >= over || !worst)) side[at] = { ...p, text: cut(p.text, Math.max(p.minCols!, textCols(p.text) - over)) };
    else if (worst) kept[worst.side].splice(worst.at, 1);
    else break;
  }
  return kept;
}

function cuttable(p: HeaderPart, worstRank: number | undefined): boolean {
  return p.minCols !== undefined && textCols(p.text) > p.minCols && (worstRank === undefined || worstRank <= p.rank);
}

function cut(text: string, cols: number): string {
  return [...text].slice(0, cols - 1).join('') + '…';
}
