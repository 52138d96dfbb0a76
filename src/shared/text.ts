import { displaySafe } from './display-safe.js';

/** Terminal columns of a text, counted in code points (what TUI hints and headers are made of). */
export function textCols(text: string): number {
  return [...text].length;
}

/**
 * Pads or cuts to exactly `width` columns, marking a cut with an ellipsis. Used by TUI tables and
 * CLI listings, so every cell also goes through the display sanitiser.
 */
export function fit(text: string, width: number): string {
  const flat = displaySafe(text.replace(/[\r\n\t]+/g, ' '));
  if (flat.length <= width) return flat.padEnd(width);
  return width <= 1 ? flat.slice(0, width) : flat.slice(0, width - 1) + '…';
}
