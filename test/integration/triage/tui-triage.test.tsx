import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { Alert } from '../../../src/shared/alert.js';
import { followQueue, type QueueFeed } from '../../../src/tui/queue-feed.js';
import { ViewStore } from '../../../src/tui/view-store.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makeAlert } from '../../unit/triage/make-alert.js';
import { KEY, renderApp, until } from '../../unit/tui/render-app.js';

let td: TestDaemon;
let feed: QueueFeed | undefined;

beforeEach(async () => {
  td = await startTestDaemon();
  const alerts = Array.from({ length: 6 }, (_, i) => makeAlert(i));
  await td.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
});
afterEach(async () => {
  cleanup();
  feed?.stop();
  await td.stop();
});

/** The TUI's own wiring: a real client, its alert feed into a ViewStore, the App on top. */
async function attach(actor: string): Promise<{ store: ViewStore; client: SocdeckClient; app: ReturnType<typeof renderApp> }> {
  const client = await td.connect(actor);
  const store = new ViewStore({ actor, connection: { state: 'connected', detail: '' } }, 0);
  feed = followQueue(store, client);
  await feed.resync();
  const app = renderApp(store, client);
  await app.waitFor((f) => f.includes('/6 shown'), 'the snapshot');
  return { store, client, app };
}

describe('triage from the TUI against a real daemon', () => {
  it('filter, mark two rows, close them as false_positive with a reason', async () => {
    const { store, client, app } = await attach('alice');
    await app.press('/');
    await app.type('host:web-01');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('/2 shown of 6'), 'two web-01 rows');
    const ids = store.getState().rows.map((a) => a.id);
    await app.press(KEY.space, KEY.space, 'c', 'f');
    await app.waitFor((f) => f.includes('close 2 alerts as false_positive'), 'the reason prompt');
    await app.type('our own vuln scanner');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('closed (false_positive) 2 alerts'), 'the confirmation');

    const closed = await client.request('alerts.list', { state: ['closed'] });
    expect(closed.alerts.map((a) => a.id).sort()).toEqual([...ids].sort());
    for (const a of closed.alerts) {
      expect(a).toMatchObject({ disposition: 'false_positive', closeReason: 'our own vuln scanner', lastChange: { actor: 'alice', action: 'close' } });
    }
    // The live delta reaches the queue: both rows now read closed, and the marks are gone.
    await until(() => store.getState().rows.filter((a) => a.state === 'closed').length === 2, 'closed rows in the queue', app.frame);
    expect(store.getState().marks.size).toBe(0);
  });

  it('acting on a row someone else changed shows who changed it and when, and changes nothing', async () => {
    const { store, client, app } = await attach('alice');
    const top = store.getState().rows[0]!;
    // Bob's change lands in the store without reaching this client yet (no bus event): alice's copy is stale.
    const bobs: Alert = { ...top, state: 'in_progress', assignee: 'bob', rev: top.rev + 1, lastChange: { actor: 'bob', action: 'take', at: new Date().toISOString(), rev: top.rev + 1 } };
    await td.daemon.store.commit([{ op: 'put', coll: 'alerts', id: top.id, value: bobs }]);
    await app.press('a');
    await app.waitFor((f) => /was changed by bob \d+ s ago \(take\)/.test(f), 'the conflict message');
    expect(await client.request('alerts.get', { id: top.id })).toMatchObject({ state: 'in_progress', assignee: 'bob', rev: top.rev + 1 });
  });

  it('t takes the selected alert for me; n adds a note', async () => {
    const { store, client, app } = await attach('carol');
    const top = store.getState().rows[0]!;
    await app.press('t');
    await app.waitFor((f) => f.includes('took 1 alert'), 'take confirmed');
    await until(() => store.get(top.id)?.assignee === 'carol', 'the delta with the assignee', app.frame);
    await app.press('n');
    await app.type('looked at it');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('noted 1 alert'), 'note confirmed');
    const got = await client.request('alerts.get', { id: top.id });
    expect(got.notes?.map((n) => `${n.actor}: ${n.text}`)).toEqual(['carol: looked at it']);
  });
});
