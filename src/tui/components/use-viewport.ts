import { useMemo } from 'react';

export interface Viewport<T> {
  /** Index of the first visible row. */
  offset: number;
  visible: readonly T[];
}

/** The window of `height` rows that keeps the cursor centred where it can, clamped to the list's ends. */
export function viewportWindow<T>(rows: readonly T[], cursor: number, height: number): Viewport<T> {
  const offset = Math.max(0, Math.min(cursor - Math.floor(height / 2), rows.length - height));
  return { offset, visible: rows.slice(offset, offset + height) };
}

/** Every list view scrolls through this: the rows to render for the cursor and the space left. */
export function useViewport<T>(rows: readonly T[], cursor: number, height: number): Viewport<T> {
  return useMemo(() => viewportWindow(rows, cursor, height), [rows, cursor, height]);
}
