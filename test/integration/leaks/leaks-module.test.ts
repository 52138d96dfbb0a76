import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { LeakItem } from '../../../src/shared/leak.js';
import { githubToken } from '../../fixtures/leaks/planted-keys.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';

let d: TestDaemon | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await d?.stop();
  d = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Polls leaks.list (bounded) until `pred` holds. */
async function leaksWhen(c: SocdeckClient, pred: (l: LeakItem[]) => boolean, what: string): Promise<LeakItem[]> {
  let last: LeakItem[] = [];
  for (let i = 0; i < 600; i++) {
    last = (await c.request('leaks.list', {})).leaks;
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}; leaks: ${JSON.stringify(last.map((l) => l.id))}`);
}

describe('leaks module', () => {
  it('rescans a watched folder when a file changes in it', async () => {
    const dir = tempDir('socdeck-leaks-watch-');
    dirs.push(dir);
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'README.md'), '# app\n');
    d = await startTestDaemon({ configOverrides: { leaks: { demo: { enabled: false }, watchDebounceMs: 50, targets: [{ path: dir, watch: true, customer: 'acme' }] } } });
    const c = await d.connect();
    expect((await c.request('leaks.list', {})).leaks).toEqual([]);
    writeFileSync(join(dir, 'app', 'ci.env'), `GH_TOKEN=${githubToken()}\n`);
    const leaks = await leaksWhen(c, (l) => l.length === 1, 'the new key');
    expect(leaks[0]).toMatchObject({ customer: 'acme', provider: 'github', rule: 'github-pat', first: { file: join(dir, 'app', 'ci.env'), line: 1 } });
  });

  it('plants a random TEST key in a demo repo at start and finds it in history', async () => {
    d = await startTestDaemon({ configOverrides: { leaks: { demo: { enabled: true } } } });
    const c = await d.connect();
    const leaks = await leaksWhen(c, (l) => l.length >= 3, 'the demo leaks');
    expect(leaks.map((l) => l.rule).sort()).toEqual(['aws-access-key-id', 'tencent-secret-id', 'tencent-secret-key']);
    for (const l of leaks) expect(l.first).toMatchObject({ target: join(d.dataDir, 'demo-leak-repo'), file: 'deploy.env', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
  });
});
