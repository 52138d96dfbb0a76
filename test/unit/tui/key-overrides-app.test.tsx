import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyTable } from '../../../src/tui/key-table.js';
import { TuiConfig } from '../../../src/tui/tui-config.js';
import { makeAlert } from '../triage/make-alert.js';
import { recordingDaemon } from './fake-daemon.js';
import { KEY, newStore, renderApp } from './render-app.js';

afterEach(() => cleanup());

function attached(keys: unknown) {
  const store = newStore();
  store.setSnapshot([makeAlert(3), makeAlert(7)]);
  const daemon = recordingDaemon();
  const app = renderApp(store, daemon.client, { keys: new KeyTable(TuiConfig.parse({ keys }).keys) });
  return { store, app, acks: () => daemon.calls.filter((c) => c.method === 'alerts.ack') };
}

describe('user key overrides from tui.keys', () => {
  it('ack on A: A acknowledges, a no longer does, and the footer and help show A', async () => {
    const { app, acks } = attached({ ack: 'A' });
    await app.waitFor((f) => f.includes('1/2 shown'), 'the queue');
    expect(app.frame()).toMatch(/\bA ack\b/);
    expect(app.frame()).not.toMatch(/\ba ack\b/);

    await app.press('a');
    expect(acks()).toEqual([]);

    await app.press('A');
    await app.waitFor((f) => f.includes('acknowledged 1 alert'), 'the ack to go through');
    expect(acks()).toEqual([{ method: 'alerts.ack', params: { targets: [{ id: 'a00007', rev: 0 }] } }]);

    await app.press('?');
    await app.waitFor((f) => f.includes('Keys'), 'the help overlay');
    expect(app.frame()).toMatch(/^\s*│?\s*A\s+ack\s+Acknowledge the marked rows/m);
    await app.press(KEY.escape);
  });

  it('a rebound key shows up in prose hints too', async () => {
    const { store, app } = attached({ clear: 'x' });
    store.setFilter('host:nowhere');
    await app.waitFor((f) => f.includes('no alerts match /host:nowhere (x clears)'), 'the hint with the user’s key');
    await app.press('x');
    await app.waitFor((f) => f.includes('1/2 shown'), 'x clearing the filter');
  });
});
