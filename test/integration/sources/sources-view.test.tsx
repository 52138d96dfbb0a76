import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { newStore, renderApp } from '../../unit/tui/render-app.js';
import { eveLine, quietOthers, waitFor } from './helpers.js';

let d: TestDaemon;
let dir: string;
beforeAll(async () => {
  dir = tempDir('socdeck-sources-view-');
  writeFileSync(join(dir, 'eve.json'), `${eveLine(1)}\n${eveLine(2)}\n`);
  // A folder where a file should be: the tail cannot read it, and must say so.
  mkdirSync(join(dir, 'not-a-file.json'));
  d = await startTestDaemon({
    configOverrides: {
      ...quietOthers(),
      ingest: {
        sources: [
          { name: 'eve', kind: 'file', paths: [join(dir, 'eve.json')], pollMs: 100 },
          { name: 'broken', kind: 'file', paths: [join(dir, 'not-a-file.json')], pollMs: 100 },
          { name: 'hook', kind: 'webhook' },
        ],
      },
    },
  });
});
afterAll(() => d.stop());

describe(':sources view', () => {
  it('lists every source with its state, what it took in and why it fails; the header counts the failing ones', async () => {
    const client = await d.connect('alice');
    await waitFor('both file sources polled', async () => {
      const { sources } = await client.request('daemon.status');
      return sources.some((x) => x.name === 'broken' && x.state === 'error') && sources.some((x) => x.name === 'eve' && x.ingested === 2);
    });
    const store = newStore('alice');
    store.update({ view: 'sources', status: await client.request('daemon.status') });
    const app = renderApp(store, client);
    try {
      await app.waitFor((f) => f.includes('3 sources · 1 failing'), 'the source list');
      const lines = app.frame().split('\n');
      expect(lines[0]).toContain('│ Alert sources │ ⚠ 1 source failing');
      expect(lines.find((l) => l.startsWith('eve '))).toMatch(/^eve\s+file\s+running\s+2\s*$/);
      expect(lines.find((l) => l.startsWith('broken '))).toMatch(/^broken\s+file\s+error\s+0\s+.*EISDIR/);
      expect(lines.find((l) => l.startsWith('hook '))).toMatch(/^hook\s+webhook\s+running\s+0/);
    } finally {
      app.unmount();
    }
  });
});
