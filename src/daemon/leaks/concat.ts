/**
 * Source code that hides a key from scanners, or just wraps a long line, splits it over string
 * literals: `"AKID" + "…"`. Detection runs over a view of the text with those joins removed;
 * this maps its offsets back to the original text.
 */
export interface JoinedView {
  text: string;
  /** Original offset of a joined-view offset. */
  toOriginal(offset: number): number;
}

/** A closing quote, `+` (or `.` in PHP, `..` in Lua), and the opening quote of the next literal. */
const JOIN = /(["'`])[ \t]*(?:\+|\.{1,2})[ \t]*(?:\r?\n[ \t]*)?\1/g;

export function joinConcatenations(text: string): JoinedView | undefined {
  JOIN.lastIndex = 0;
  let m = JOIN.exec(text);
  if (!m) return undefined;
  const parts: string[] = [];
  /** [joined offset where a removed run starts, total removed up to and including it]. */
  const shifts: [number, number][] = [];
  let from = 0;
  let removed = 0;
  for (; m; m = JOIN.exec(text)) {
    parts.push(text.slice(from, m.index));
    removed += m[0].length;
    shifts.push([m.index - (removed - m[0].length), removed]);
    from = m.index + m[0].length;
  }
  parts.push(text.slice(from));
  return {
    text: parts.join(''),
    toOriginal(offset) {
      let lo = 0;
      let hi = shifts.length - 1;
      let add = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [at, total] = shifts[mid]!;
        // An offset exactly at a join belongs to the literal after it.
        if (at <= offset) {
          add = total;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return offset + add;
    },
  };
}
