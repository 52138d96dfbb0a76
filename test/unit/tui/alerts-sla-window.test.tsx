import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { SlaClockInfo } from '../../../src/shared/calendar/sla-clock-info.js';
import { makeAlert } from '../triage/make-alert.js';
import { KEY, newStore, renderApp } from './render-app.js';

afterEach(() => cleanup());

/** A running clock with `n` hours left, for the countdown column. */
function clock(itemId: string, n: number): SlaClockInfo {
  return { itemId, phase: 'response', paused: false, open: true, breached: false, band: 'green', remainingMinutes: n * 60 + 5 } as SlaClockInfo;
}

/** Answers sla.list with a clock for every id asked, until `hold` is set: then, as a daemon slow to answer, not at all. */
function slaDaemon() {
  const d = { asked: [] as string[][], hold: false, client: undefined as unknown as SocdeckClient };
  const request = (method: string, params?: { ids?: string[] }) => {
    if (method !== 'sla.list') return Promise.resolve({});
    d.asked.push(params?.ids ?? []);
    if (d.hold) return new Promise(() => {});
    return Promise.resolve({ clocks: (params?.ids ?? []).map((id) => clock(id, Number(id.slice(1)) % 20)), total: 0 });
  };
  d.client = { request } as unknown as SocdeckClient;
  return d;
}

function queue(n: number) {
  const store = newStore();
  store.setSnapshot(Array.from({ length: n }, (_, i) => makeAlert(i)));
  return store;
}

describe('SLA column of the alert queue', () => {
  it('asks for the clocks of two pages from the viewport, again only once the viewport leaves them', async () => {
    const store = queue(100);
    const daemon = slaDaemon();
    const app = renderApp(store, daemon.client);
    await app.waitFor((f) => f.includes('1/100 shown'), 'the queue');
    const h = store.getState().viewportRows;
    const ids = (from: number) =>
      store
        .getState()
        .rows.slice(from, from + 2 * h)
        .map((a) => a.id);
    await app.waitFor(() => JSON.stringify(daemon.asked.at(-1)) === JSON.stringify(ids(0)), 'the request for the first two pages');
    const asked = daemon.asked.length;

    // Down to the last row of the second page: the viewport never leaves the two pages asked for.
    for (let i = 1; i < 2 * h; i++) await app.press('j');
    await app.waitFor((f) => f.includes(`${2 * h}/100 shown`), 'the cursor on the last row of the second page');
    expect(daemon.asked.length).toBe(asked);

    await app.press('j');
    await app.waitFor(() => daemon.asked.length === asked + 1, 'one request as the viewport leaves them');
    expect(daemon.asked.at(-1)).toEqual(ids(store.getState().offset));
  });

  it('after a page down, the rows already asked for show their countdowns without waiting for the daemon', async () => {
    const store = queue(100);
    const daemon = slaDaemon();
    const app = renderApp(store, daemon.client);
    await app.waitFor((f) => f.includes('1/100 shown') && /\n\s*\S*\s*\d+h\d\dm\s+\w+/.test(f), 'countdowns on the first page');
    const h = store.getState().viewportRows;
    daemon.hold = true;
    const asked = daemon.asked.length;
    await app.press(KEY.pageDown, KEY.pageDown);
    await app.waitFor((f) => f.includes(`${2 * h + 1}/100 shown`), 'the cursor two pages down');
    const { rows, offset } = store.getState();
    expect(offset).toBeGreaterThanOrEqual(h);
    expect(daemon.asked.length).toBe(asked + 1);
    const lines = app.frame().split('\n');
    for (const a of rows.slice(offset, 2 * h)) {
      const line = lines.find((l) => l.includes(`${a.title.padEnd(20)}`));
      expect(line, a.id).toMatch(/^\s*\S*\s*\d+h\d\dm\s/);
    }
  });
});
