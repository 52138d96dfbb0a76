import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { helpScopes } from '../../../src/tui/components/help-overlay.js';
import { fitHints } from '../../../src/tui/components/footer.js';
import { BINDINGS } from '../../../src/tui/key-bindings.js';
import { keyLabel } from '../../../src/tui/key-names.js';
import { DEFAULT_KEYS } from '../../../src/tui/key-table.js';
import { makeAlert } from '../triage/make-alert.js';
import { KEY, newStore, renderApp } from './render-app.js';

afterEach(() => cleanup());

function seeded() {
  const store = newStore();
  // hosts web-00, web-01, web-02 in turn; severities low, medium, high, critical in turn
  store.setSnapshot(Array.from({ length: 9 }, (_, i) => makeAlert(i)));
  return store;
}

describe('alert queue', () => {
  it('renders the queue most urgent first and moves the cursor with j/k, G and g', async () => {
    const store = seeded();
    const app = renderApp(store);
    await app.waitFor((f) => f.includes('1/9 shown'), 'the queue');
    expect(store.getState().rows[0]!.severity).toBe('critical');
    await app.press('j', 'j');
    await app.waitFor((f) => f.includes('3/9 shown'), 'cursor on row 3');
    await app.press('G');
    await app.waitFor((f) => f.includes('9/9 shown'), 'cursor on the last row');
    await app.press('k', 'g');
    await app.waitFor((f) => f.includes('1/9 shown'), 'cursor back on top');
  });

  it('/ filters as you type, shows the filter in the header, and keeps it across live updates', async () => {
    const store = seeded();
    const app = renderApp(store);
    await app.press('/');
    await app.type('host:web-01');
    await app.waitFor((f) => f.includes('/3 shown of 9'), 'three web-01 rows');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('/host:web-01') && !f.includes('enter keep'), 'the filter in the header, prompt closed');
    expect(store.getState().rows.every((a) => a.host === 'web-01')).toBe(true);

    store.applyDelta([makeAlert(100, { host: 'web-01' }), makeAlert(101, { host: 'db-09' })], [], { total: 11 });
    await app.waitFor((f) => f.includes('/4 shown of 11'), 'the new web-01 row only');
    expect(store.getState().rows.map((a) => a.host)).not.toContain('db-09');

    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('/11 shown') && !f.includes('/host:'), 'esc clears the filter');
  });

  it('a filter that does not parse shows its column and keeps the last good filter; esc restores', async () => {
    const store = seeded();
    const app = renderApp(store);
    await app.press('/');
    await app.type('sev>=hgh');
    await app.waitFor((f) => f.includes('column 6: unknown severity "hgh"'), 'the error with its column');
    await app.press(KEY.enter);
    expect(store.getState().prompt?.kind).toBe('filter');
    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('/9 shown') && !f.includes('unknown severity'), 'prompt closed, all rows back');
    expect(store.getState().filter).toBeUndefined();
  });

  it('enter opens the detail panel and shrinks the queue in the same frame, never drawing past the terminal', async () => {
    const store = newStore();
    store.setSnapshot(Array.from({ length: 40 }, (_, i) => makeAlert(i)));
    const app = renderApp(store);
    await app.waitFor((f) => f.includes('1/40 shown'), 'the queue');
    const before = app.frames.length;
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('history'), 'the detail panel');
    await app.press(KEY.enter);
    await app.waitFor((f) => !f.includes('history'), 'the panel closed');
    const heights = app.frames.slice(before).map((f) => f.split('\n').length);
    // ink-testing-library's terminal has no size: the App takes 24 lines.
    expect(Math.max(...heights)).toBeLessThanOrEqual(24);
    expect(heights).toHaveLength(2);
  });

  it('space marks rows for a bulk action; esc clears the marks', async () => {
    const store = seeded();
    const app = renderApp(store);
    await app.press(KEY.space, KEY.space);
    await app.waitFor((f) => f.includes('2 marked'), 'two marks in the header');
    // one more ● is the connection indicator in the header
    expect(app.frame().split('●').length - 1).toBe(3);
    const marked = [...store.getState().marks];
    expect(store.targets().map((a) => a.id)).toEqual(marked);
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes('marked'), 'marks cleared');
  });

  it('c opens the disposition picker; false_positive insists on a reason', async () => {
    const store = seeded();
    const app = renderApp(store);
    await app.press('c');
    await app.waitFor((f) => f.includes('close as:') && f.includes('false_positive'), 'the picker');
    await app.press('f');
    await app.waitFor((f) => f.includes('close 1 alert as false_positive, reason:'), 'the reason prompt');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('a false_positive close needs a reason'), 'the missing reason');
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes('reason'), 'the prompt closed');
  });
});

/** Everything the ? overlay lists, page by page: it scrolls when taller than the terminal. */
async function helpText(app: ReturnType<typeof renderApp>): Promise<string> {
  await app.press('?');
  await app.waitFor((f) => f.includes('Keys'), 'the help overlay');
  let text = app.frame() ?? '';
  for (let page = 0; page < 6; page++) {
    await app.press(KEY.pageDown);
    text += app.frame() ?? '';
  }
  return text;
}

describe('help overlay and : commands', () => {
  it('? shows every binding of the view from the one table, grouped by scope; esc closes it', async () => {
    const app = renderApp(seeded());
    const text = await helpText(app);
    const shown = BINDINGS.filter((b) => helpScopes('alerts').includes(b.scope));
    expect(shown.map((b) => b.id)).toEqual(expect.arrayContaining(['ack', 'take', 'close', 'mark', 'filter', 'down', 'disposition-false_positive', 'help', 'quit']));
    for (const b of shown) expect(text, b.id).toContain(b.description.slice(0, 30));
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes('Show or hide this help') && f.includes('/9 shown'), 'the queue again');
  });

  it('the footer hints come from the same table: those that fit 100 columns, and the help that lists the rest', async () => {
    const app = renderApp(seeded());
    await app.waitFor((f) => f.includes('/9 shown'), 'the queue');
    const hinted = DEFAULT_KEYS.active({ overlay: undefined, view: 'alerts' }).filter((x) => x.hint);
    expect(hinted).toHaveLength(BINDINGS.filter((x) => x.hint && (x.scope === 'alerts' || x.scope === 'global')).length);
    const shown = fitHints(hinted, 100);
    expect(shown.length).toBeLessThan(hinted.length);
    const line = shown.map((b) => `${keyLabel(b.keys[0]!)} ${b.hint}`).join('  ');
    // Once the terminal's width has reached the store (set from stdout after the first frame).
    await app.waitFor((f) => f.split('\n').at(-1) === line, `the footer ${line}`);
    const text = await helpText(app);
    for (const b of hinted) expect(text, b.id).toContain(b.description.slice(0, 30));
  });

  it(': switches views, completes with tab, and reports unknown commands', async () => {
    const store = seeded();
    const app = renderApp(store);
    await app.press(':');
    await app.type('au');
    await app.press(KEY.tab);
    await app.waitFor((f) => f.includes(':audit '), 'completion to audit');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('Audit log'), 'the audit view');
    expect(store.getState().view).toBe('audit');
    await app.press(':');
    await app.type('incidents');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('Incidents'), 'the incidents view');
    await app.press(':');
    await app.type('nonsense');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('unknown command "nonsense"'), 'the error');
    await app.press(':');
    await app.type('alerts');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('/9 shown'), 'back on the queue');
  });
});
