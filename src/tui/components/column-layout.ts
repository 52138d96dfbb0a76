import type { Column } from './virtual-table.js';

/** A table column and how it gives way when the terminal is too narrow for every column. */
export interface LayoutColumn<T> extends Column<T> {
  /**
   * The column that takes the width the others leave (a list's title). Others give way until it
   * has `want` columns or half the width, whichever is less.
   */
  flex?: { want: number };
  /** A narrower form (relative age for a timestamp, "crit" for "critical"), taken at rank `rank`. */
  narrow?: { rank: number; width: number; title?: string; cell?(row: T): string };
  /** Dropped at rank `rank`; lower ranks give way first, and a narrow form before its drop. */
  drop?: { rank: number };
}

interface Step {
  rank: number;
  index: number;
  kind: 'narrow' | 'drop';
}

/**
 * The columns a table of `width` terminal columns shows. Nothing gives way while everything fits;
 * then, by rank, columns take their narrow form or leave, until the flex column has what it
 * wants. The flex column then takes all the room left, so a wide terminal shows a long title.
 */
export function layoutColumns<T>(columns: readonly LayoutColumn<T>[], width: number): Column<T>[] {
  const flexAt = columns.findIndex((c) => c.flex !== undefined);
  const shown: (Column<T> | undefined)[] = columns.map(plain);
  const steps: Step[] = columns.flatMap((c, index): Step[] => [
    ...(c.narrow ? [{ rank: c.narrow.rank, index, kind: 'narrow' as const }] : []),
    ...(c.drop ? [{ rank: c.drop.rank, index, kind: 'drop' as const }] : []),
  ]);
  steps.sort((a, b) => a.rank - b.rank || (a.kind === b.kind ? 0 : a.kind === 'narrow' ? -1 : 1));
  const flex = columns[flexAt];
  const want = flex?.flex ? Math.min(flex.flex.want, Math.floor(width / 2)) : 0;
  const room = () => width - shown.reduce((sum, c, i) => (c && i !== flexAt ? sum + c.width + 1 : sum), 0);
  for (const step of steps) {
    if (flexAt < 0 || room() >= want) break;
    const c = columns[step.index]!;
    if (step.kind === 'drop') shown[step.index] = undefined;
    else if (shown[step.index] && c.narrow) shown[step.index] = { ...plain(c), title: c.narrow.title ?? c.title, width: c.narrow.width, cell: c.narrow.cell ?? c.cell };
  }
  if (flex) shown[flexAt] = { ...plain(flex), width: Math.max(1, room()) };
  return shown.filter((c): c is Column<T> => c !== undefined);
}

function plain<T>(c: LayoutColumn<T>): Column<T> {
  const { flex: _flex, narrow: _narrow, drop: _drop, ...column } = c;
  return column;
}
