import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { runBinding } from '../../../../src/tui/key-actions.js';
import { HelpOverlay } from '../../../../src/tui/components/help-overlay.js';
import { DEFAULT_KEYS } from '../../../../src/tui/key-table.js';
import type { ActionContext } from '../../../../src/tui/triage-actions.js';
import { newStore } from '../render-app.js';

const frame = (scroll: number, rows = 24) => render(<HelpOverlay view="alerts" rows={rows} scroll={scroll} />).lastFrame() ?? '';

describe('the ? overlay at 80x24', () => {
  it('fits the terminal (header and footer stay) and says how much more there is', () => {
    const top = frame(0).split('\n');
    expect(top.length).toBeLessThanOrEqual(24 - 2);
    expect(top[1]).toMatch(/Keys 1-18 of \d+ · j\/k pgdn\/pgup scroll/);
    expect(frame(0)).toContain('alerts');
    expect(frame(0)).toContain('Quit (an embedded daemon');
    expect(frame(0)).not.toContain('Cancel closing');
  });

  it('scrolls to the last lines and no further', () => {
    const bottom = frame(1000);
    expect(bottom).toContain('Cancel closing');
    expect(bottom.split('\n').length).toBeLessThanOrEqual(22);
    expect(frame(1000)).toBe(frame(999));
  });

  it('moves with the help keys and starts at the top each time it opens', () => {
    const store = newStore();
    const ctx = { store, quit: () => {}, write: () => {} } as ActionContext;
    const press = (key: string) => runBinding(DEFAULT_KEYS.find({ ...store.getState(), listView: true }, key)!, ctx);
    press('?');
    press('j');
    press('pgdn');
    // A new store assumes 26 rows until the App reads the terminal: a page is 26 - 6 lines.
    expect(store.getState().helpScroll).toBe(21);
    press('k');
    expect(store.getState().helpScroll).toBe(20);
    press('escape');
    press('?');
    expect(store.getState().helpScroll).toBe(0);
  });
});
