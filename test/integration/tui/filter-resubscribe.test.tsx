import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followQueue, type QueueFeed } from '../../../src/tui/queue-feed.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makeAlert } from '../../unit/triage/make-alert.js';
import { KEY, newStore, renderApp } from '../../unit/tui/render-app.js';

let td: TestDaemon;
let queue: QueueFeed | undefined;

beforeEach(async () => {
  td = await startTestDaemon({ configOverrides: { daemon: { snapshotLimit: 10 } } });
  // makeAlert(n): host web-0(n%3), severity low/medium/high/critical by n%4, later n seen later.
  const alerts = Array.from({ length: 45 }, (_, i) => makeAlert(i));
  await td.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
});
afterEach(async () => {
  cleanup();
  queue?.stop();
  await td.stop();
});

describe('the queue follows the filter through the daemon', () => {
  it('typing a filter re-subscribes: the snapshot replaces the rows, the cursor stays on its alert, the header shows the total', async () => {
    const client = await td.connect('alice');
    const store = newStore('alice');
    queue = followQueue(store, client);
    const app = renderApp(store, client);
    await queue.resync();
    // The ten most urgent of 45: the critical ones, latest first.
    await app.waitFor((f) => f.includes('showing 10 of 45'), 'the header with the total');
    const first = store.getState().rows.map((a) => a.id);
    expect(first.slice(0, 4)).toEqual(['a00043', 'a00039', 'a00035', 'a00031']);

    await app.press('j', 'j', 'j');
    await app.press('/');
    await app.type('host:web-01');
    await app.press(KEY.enter);
    // 15 alerts on web-01; the daemon sends its ten most urgent, six of which this client did not hold.
    await app.waitFor((f) => f.includes('showing 10 of 15'), 'the filtered snapshot');
    const rows = store.getState().rows.map((a) => a.id);
    expect(rows).toEqual(['a00043', 'a00031', 'a00019', 'a00007', 'a00034', 'a00022', 'a00010', 'a00037', 'a00025', 'a00013']);
    expect(rows.filter((id) => !first.includes(id))).toHaveLength(6);
    expect(rows[store.getState().cursor]).toBe('a00031');
    expect(app.frame()).toContain('/host:web-01');

    // Clearing the filter goes back to the whole queue.
    await app.press(KEY.escape);
    await app.waitFor((f) => f.includes('showing 10 of 45') && !f.includes('/host:'), 'the whole queue again');
  });
});
