import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { githubToken, plantedKeys } from '../../fixtures/leaks/planted-keys.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { KEY, newStore, renderApp } from '../../unit/tui/render-app.js';

const keys = { ...plantedKeys(), github: githubToken() };
let work: string;
let d: TestDaemon;
let client: SocdeckClient;

beforeAll(async () => {
  work = tempDir('socdeck-leaks-view-');
  mkdirSync(join(work, 'src'));
  writeFileSync(join(work, 'src', 'deploy.env'), `AWS_ACCESS_KEY_ID=${keys.awsId}\nGITHUB_TOKEN=${keys.github}\n`);
  d = await startTestDaemon({ configOverrides: { leaks: { demo: { enabled: false } } } });
  client = await d.connect('alice');
  await client.request('leaks.scan', { paths: [work], customer: 'acme' });
});

afterAll(async () => {
  await d.stop();
  rmSync(work, { recursive: true, force: true });
});

describe(':leaks view', () => {
  it('lists masked keys, opens the detail and publishes the Leak Incident Report with p', async () => {
    const store = newStore('alice');
    store.update({ view: 'leaks' });
    const app = renderApp(store, client);
    try {
      await app.waitFor((f) => f.includes(`${keys.github.slice(0, 4)}…${keys.github.slice(-4)}`) && f.includes('AKIA…'), 'both leaks listed');
      expect(app.frame()).not.toContain(keys.github);
      await app.press(KEY.enter);
      await app.waitFor((f) => f.includes('Revoke') || f.includes('Deactivate'), 'remediation in the detail');
      await app.press('p');
      await app.waitFor((f) => f.includes('Leak Incident Report published'), 'report published');
      const { reports } = await client.request('reports.list', { kind: 'leak' });
      expect(reports).toEqual([expect.objectContaining({ kind: 'leak', customer: 'acme', format: 'md', createdBy: 'alice' })]);
      // The rendered report leaves the building: it must not carry any planted key either.
      const md = readFileSync(reports[0]!.path, 'utf8');
      expect(md).toContain('AKIA');
      for (const k of Object.values(keys)) expect(md).not.toContain(k);
    } finally {
      app.unmount();
    }
  });
});
