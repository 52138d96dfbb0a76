import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { newStore, renderApp } from '../../unit/tui/render-app.js';
import { quietOthers } from './helpers.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({ configOverrides: { ...quietOthers(), ingest: { sources: [{ name: 'hook', kind: 'webhook' }] } } });
});
afterAll(() => d.stop());

describe(':quarantine view', () => {
  it('lists quarantined records from the daemon with origin, size and reason', async () => {
    const res = await fetch(`http://127.0.0.1:${d.daemon.info.port}/ingest/hook`, {
      method: 'POST',
      body: '{"event_type":"alert"',
      headers: { authorization: `Bearer ${await d.sourceToken('hook')}` },
    });
    expect(res.status).toBe(400);
    const client = await d.connect('alice');
    const store = newStore('alice');
    store.update({ view: 'quarantine' });
    const app = renderApp(store, client);
    try {
      await app.waitFor((f) => f.includes('1 of 1 quarantined'), 'the quarantined record');
      const frame = app.frame();
      expect(frame).toContain('webhook:hook');
      expect(frame).toContain('invalid JSON');
      expect(frame).toContain('{"event_type":"alert"');
    } finally {
      app.unmount();
    }
  });
});
