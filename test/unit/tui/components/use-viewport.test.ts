import { describe, expect, it } from 'vitest';
import { viewportWindow } from '../../../../src/tui/components/use-viewport.js';

const rows = Array.from({ length: 20 }, (_, i) => i);

describe('viewportWindow', () => {
  it('keeps the cursor centred in the middle of the list', () => {
    expect(viewportWindow(rows, 10, 5)).toEqual({ offset: 8, visible: [8, 9, 10, 11, 12] });
  });

  it('clamps at both ends and when the list is shorter than the window', () => {
    expect(viewportWindow(rows, 1, 5).offset).toBe(0);
    expect(viewportWindow(rows, 19, 5)).toEqual({ offset: 15, visible: [15, 16, 17, 18, 19] });
    expect(viewportWindow(rows.slice(0, 3), 2, 5)).toEqual({ offset: 0, visible: [0, 1, 2] });
  });
});
