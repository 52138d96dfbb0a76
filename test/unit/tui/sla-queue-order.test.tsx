import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAlert } from '../triage/make-alert.js';
import { newStore, renderApp } from './render-app.js';
import { clock } from './sla-clock.js';

afterEach(() => cleanup());

/** The alert numbers in the order the queue shows them (titles are "ET SCAN probe N"). */
const shownOrder = (frame: string) => [...frame.matchAll(/ET SCAN probe (\d+)/g)].map((m) => Number(m[1]));

// makeAlert severities by n: 0 low, 1 medium, 2 high, 3 critical, 4 low, 5 medium, 6 high, 7 critical.
const FIXED_CLOCKS = [clock('a00000', -30), clock('a00001', -5), clock('a00002', 10), clock('a00003', 50), clock('a00004', 5, { paused: true }), clock('a00005', 20, { phase: 'done' })];

function seeded() {
  const store = newStore();
  // Clocks first, as when they arrive before the snapshot: the cursor starts on the most urgent row.
  store.setSlaClocks(FIXED_CLOCKS);
  store.setSnapshot(Array.from({ length: 8 }, (_, i) => makeAlert(i)));
  return store;
}

describe('alert queue ordered by SLA urgency', () => {
  it('shows breached first (most overdue first), then running by time left, then paused, then the rest by severity and time', async () => {
    const app = renderApp(seeded());
    await app.waitFor((f) => f.includes('1/8 shown'), 'the queue');
    // 0 and 1 breached, 2 and 3 running, 4 paused; 5 (met), 6 and 7 (no clock) by severity: 7 critical, 6 high, 5 medium.
    expect(shownOrder(app.frame())).toEqual([0, 1, 2, 3, 4, 7, 6, 5]);
  });

  it('re-sorts when the clocks refresh and keeps the cursor on the selected alert', async () => {
    const store = seeded();
    const app = renderApp(store);
    await app.press('j', 'j');
    await app.waitFor((f) => f.includes('3/8 shown'), 'the cursor on the third row');
    expect(store.getState().rows[store.getState().cursor]!.id).toBe('a00002');

    // Later, a00002 is the most overdue: it moves to the top and the cursor goes with it. The
    // refresh already has the clock of a00009, whose alert has not reached this client yet.
    store.setSlaClocks([...FIXED_CLOCKS.slice(0, 2), clock('a00002', -50), ...FIXED_CLOCKS.slice(3), clock('a00009', 1)]);
    await app.waitFor((f) => f.includes('1/8 shown'), 'the cursor following a00002 to the top');
    expect(shownOrder(app.frame())).toEqual([2, 0, 1, 3, 4, 7, 6, 5]);
    expect(store.getState().rows[store.getState().cursor]!.id).toBe('a00002');

    // When it arrives, it takes its place by that clock, and the cursor stays put.
    store.applyDelta([makeAlert(9)], [], { total: 9 });
    await app.waitFor((f) => f.includes('1/9 shown'), 'the new row');
    expect(shownOrder(app.frame())).toEqual([2, 0, 1, 9, 3, 4, 7, 6, 5]);
  });
});
