import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { KEY, newStore, renderApp } from '../../unit/tui/render-app.js';

const FEEDS = fileURLToPath(new URL('../../fixtures/intel/feeds/', import.meta.url));
let work: string;
let d: TestDaemon;
let client: SocdeckClient;

beforeAll(async () => {
  work = tempDir('socdeck-intel-view-');
  const inv = join(work, 'inventory.json');
  writeFileSync(
    inv,
    JSON.stringify({
      packages: [
        { name: 'aiohttp', version: '3.8.4', ecosystem: 'PyPI' },
        { name: 'golang.org/x/crypto', version: 'v0.34.0', ecosystem: 'Go' },
      ],
    }),
  );
  d = await startTestDaemon();
  client = await d.connect('alice');
  await client.request('intel.import', { path: FEEDS });
  await client.request('inventory.import', { path: inv, asset: 'app-01', customer: 'acme', exposure: 'internet' });
});

afterAll(async () => {
  cleanup();
  await d.stop();
  rmSync(work, { recursive: true, force: true });
});

describe(':intel view', () => {
  it('lists advisories new-first with evidence, reviews and publishes with r / p, dismisses with x and a reason', async () => {
    const store = newStore('alice');
    store.update({ view: 'intel' });
    const app = renderApp(store, client);
    await app.waitFor((f) => f.includes('CVE-2023-37276') && f.includes('CVE-2025-22869') && f.includes('2 of 2 advisories'), 'both advisories listed');
    await app.waitFor((f) => f.includes('app-01 aiohttp 3.8.4') || f.includes('app-01 golang.org/x/crypto v0.34.0'), 'evidence of the selected advisory');
    const first = (await client.request('advisories.list', {})).advisories[0];
    await app.press('r');
    await app.waitFor((f) => f.includes(`reviewed ${first?.id}`), 'reviewed');
    await app.waitFor((f) => f.includes('reviewed '), 'state refreshed');
    await app.press('p');
    await app.waitFor((f) => f.includes(`published ${first?.id}`), 'published');
    const published = await client.request('advisories.get', { id: first?.id as string });
    expect(published.history.map((h) => h.actor)).toEqual(['daemon', 'alice', 'alice']);

    // The published one sorts after the remaining draft (the cursor follows it): k selects the draft.
    await app.waitFor((f) => /draft/.test(f.split('\n').find((l) => l.includes('CVE-')) ?? ''), 'draft first');
    await app.press('k');
    await app.press('x');
    await app.type('patched by vendor hotfix');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('dismissed acme:'), 'dismissed');
    const all = (await client.request('advisories.list', {})).advisories;
    expect(all.map((a) => a.state).sort()).toEqual(['dismissed', 'published']);
    expect(all.find((a) => a.state === 'dismissed')?.dismissReason).toBe('patched by vendor hotfix');
  });
});
