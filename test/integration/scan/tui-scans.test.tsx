import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { KEY, newStore, renderApp } from '../../unit/tui/render-app.js';
import { gitLeakingServer } from './loopback-services.js';

describe(':scans view against a real daemon', () => {
  let d: TestDaemon;
  let c: SocdeckClient;
  const web = gitLeakingServer();
  beforeAll(async () => {
    d = await startTestDaemon({ configOverrides: { assets: [], scan: { schedules: [], bannerWaitMs: 200 } } });
    c = await d.connect('dave');
    const port = await web.listen();
    await c.request('scan.run', { targets: ['127.0.0.1'], ports: String(port), wait: true });
  });
  afterAll(async () => {
    cleanup();
    await web.close();
    await d.stop();
  });

  it('shows the run and its findings, opens the plan, and accepts a finding as this analyst', async () => {
    const store = newStore('dave');
    store.update({ view: 'scans' });
    const app = renderApp(store, c);
    await app.waitFor((f) => f.includes('Exposed .git repository') && f.includes('+3 new'), 'the run and its findings');
    expect(app.frame()).toMatch(/new\s+127\.0\.0\.1/);

    // Findings are sorted most severe first: the exposed .git (high) is on top.
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('Remove .git') || f.includes('Deploy build artefacts'), 'the remediation plan');

    await app.press('a');
    await app.waitFor((f) => f.includes('for DAYS REASON'), 'the accept prompt');
    await app.type('30 internal mirror, removed next sprint');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('accepted until'), 'the confirmation');
    const accepted = (await c.request('findings.list', { status: ['accepted'] })).findings;
    expect(accepted).toEqual([expect.objectContaining({ checkId: 'web-git-exposed', acceptance: expect.objectContaining({ by: 'dave', reason: 'internal mirror, removed next sprint' }) })]);
  });
});
