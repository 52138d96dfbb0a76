import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { BINDINGS } from '../../../../src/tui/key-bindings.js';
import { fitHints, Footer } from '../../../../src/tui/components/footer.js';

const footer = (width: number, overlay?: 'disposition') => render(<Footer prompt={undefined} message={undefined} overlay={overlay} view="alerts" width={width} />).lastFrame() ?? '';

describe('Footer', () => {
  it('shows the alert queue hints that fit one line, in the table order, and always the way to the rest', () => {
    const wide = footer(100);
    expect(wide.split('\n')).toHaveLength(1);
    expect(wide).toMatch(/^enter detail {2}\/ filter {2}␣ mark .* {2}\? help$/);
    expect(wide.length).toBeLessThanOrEqual(100);
    const narrow = footer(40);
    expect(narrow).toBe('enter detail  / filter  ␣ mark  ? help');
  });

  it('keeps the disposition hints with their label on one line', () => {
    const frame = footer(60, 'disposition');
    expect(frame.split('\n')).toHaveLength(1);
    expect(frame.startsWith('close as: ')).toBe(true);
  });
});

describe('fitHints', () => {
  it('keeps every hint when there is room and moves nothing', () => {
    const hints = BINDINGS.filter((b) => b.hint && (b.scope === 'global' || b.scope === 'alerts'));
    expect(fitHints(hints, 1000)).toEqual([...hints.filter((b) => b.id !== 'help'), hints.find((b) => b.id === 'help')]);
    expect(fitHints(hints, 0).map((b) => b.id)).toEqual(['help']);
  });
});
