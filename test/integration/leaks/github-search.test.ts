import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAK_FINDINGS, LEAK_WATCH_STATE, LEAKS } from '../../../src/daemon/collections.js';
import type { RunnerDeps } from '../../../src/daemon/leaks/runner-deps.js';
import { GithubSearchWatch } from '../../../src/daemon/leaks/watch/watch-config.js';
import { runWatcher, type WatchState } from '../../../src/daemon/leaks/watch/watch-runner.js';
import { Store } from '../../../src/daemon/store/store.js';
import type { LeakFinding, LeakItem } from '../../../src/shared/leak.js';
import { fingerprintSecret } from '../../../src/shared/secret-mask.js';
import { plantedKeys } from '../../fixtures/leaks/planted-keys.js';
import { startFakeGithub, type FakeGithub } from '../../support/fake-github.js';
import { runnerDeps } from './runner-deps.js';
import { createPublicRepo, type PublicRepo } from '../../support/public-repo.js';

const TOKEN = 'gh-search-token-for-tests';
const keys = plantedKeys();
let base: string;
let store: Store;
let gh: FakeGithub;
let infra: PublicRepo;
let dotfiles: PublicRepo;
let deps: RunnerDeps;
const waits: number[] = [];
const settings = {
  timeoutMs: 5000,
  rateLimitMaxWaitMs: 40_000,
  get mirrorsDir() {
    return join(base, 'mirrors');
  },
  sleep: async (ms: number) => {
    waits.push(ms);
    gh.advance(ms);
  },
};
const watch = () => GithubSearchWatch.parse({ kind: 'github-search', customer: 'acme', queries: ['acme-internal.cn'], token: 'env:SOCDECK_TEST_GH_TOKEN', apiUrl: gh.url, perPage: 2 });
const fileFetches = () => gh.requests.filter((r) => r.path.includes('/contents/')).length;

beforeAll(async () => {
  process.env.SOCDECK_TEST_GH_TOKEN = TOKEN;
  base = mkdtempSync(join(tmpdir(), 'socdeck-gh-search-'));
  infra = createPublicRepo(base, 'acme-dev/infra');
  dotfiles = createPublicRepo(base, 'someone/dotfiles');
  infra.push({ 'README.md': 'Deploys to api.acme-internal.cn\n', 'docs/hosts.md': '- db.acme-internal.cn\n' }, 'initial');
  dotfiles.push({ 'notes.txt': 'vpn: vpn.acme-internal.cn\n' }, 'notes');
  store = await Store.open(join(base, 'data'));
  deps = runnerDeps(store);
  gh = await startFakeGithub({
    token: TOKEN,
    repos: new Map([
      ['acme-dev/infra', infra.bare],
      ['someone/dotfiles', dotfiles.bare],
    ]),
    searchLimit: 30,
  });
});

afterAll(async () => {
  delete process.env.SOCDECK_TEST_GH_TOKEN;
  await gh.close();
  await store.close();
  rmSync(base, { recursive: true, force: true });
});

describe('github-search watcher', () => {
  it('reads every result page, scans files at their commit, and finds nothing in clean files', async () => {
    const s = await runWatcher(deps, 'acme-gh', watch(), settings);
    expect(s).toMatchObject({ hits: 3, filesScanned: 3, newLeaks: 0 });
    expect(gh.requests.filter((r) => r.path.startsWith('/search/code')).map((r) => new URL(r.path, gh.url).searchParams.get('page'))).toEqual([null, '2']);
    expect(gh.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('turns a pushed key into a leak item with repository, path, commit, author, date and public URL', async () => {
    const commit = infra.push({ 'deploy/prod.env': `# api.acme-internal.cn\nTENCENTCLOUD_SECRET_ID=${keys.tencentId}\nTENCENTCLOUD_SECRET_KEY=${keys.tencentKey}\n` }, 'add prod env', {
      name: 'Eve Ops',
      email: 'eve@acme.test',
      date: '2026-03-01T09:30:00+08:00',
    });
    const before = fileFetches();
    const s = await runWatcher(deps, 'acme-gh', watch(), settings);
    expect(s.newLeaks).toBe(2);
    // Only the new file is fetched: the cursor remembers the blobs already scanned.
    expect(fileFetches() - before).toBe(1);
    const key = store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.tencentKey))!;
    expect(key.first).toEqual({ target: 'https://github.com/acme-dev/infra', file: 'deploy/prod.env', line: 3, commit, url: `https://github.com/acme-dev/infra/blob/${commit}/deploy/prod.env#L3` });
    const f = store.values<LeakFinding>(LEAK_FINDINGS).find((x) => x.leakId === key.id)!;
    expect(f).toMatchObject({ author: 'Eve Ops <eve@acme.test>', date: '2026-03-01T09:30:00+08:00', commit });
    expect(store.get<WatchState>(LEAK_WATCH_STATE, 'acme-gh')?.cursor.seen).toHaveLength(4);
  });

  it('de-duplicates by fingerprint: the same key in another repository is one leak with two places', async () => {
    dotfiles.push({ 'env/tencent.sh': `# acme-internal.cn\nexport TENCENTCLOUD_SECRET_ID=${keys.tencentId}\n` }, 'copy');
    const s = await runWatcher(deps, 'acme-gh', watch(), settings);
    expect(s.newLeaks).toBe(0);
    const id = store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.tencentId))!;
    expect(id.locations).toBe(2);
    expect(
      store
        .values<LeakFinding>(LEAK_FINDINGS)
        .filter((f) => f.leakId === id.id)
        .map((f) => f.target)
        .sort(),
    ).toEqual(['https://github.com/acme-dev/infra', 'https://github.com/someone/dotfiles']);
  });

  it('waits out a secondary limit (retry-after) and the primary limit (x-ratelimit-reset), then goes on', async () => {
    waits.length = 0;
    gh.secondaryLimit(1, 7);
    await runWatcher(deps, 'acme-gh', watch(), settings);
    expect(waits).toEqual([7000]);
    waits.length = 0;
    gh.exhaust(30);
    const s = await runWatcher(deps, 'acme-gh', watch(), settings);
    expect(waits).toHaveLength(1);
    // Until x-ratelimit-reset (30 s on the server's clock, which the earlier wait moved on 7 s) plus a second's margin.
    expect(waits[0]).toBeGreaterThanOrEqual(30_000);
    expect(waits[0]).toBeLessThanOrEqual(39_000);
    expect(s.stoppedBy).toBeUndefined();
  });

  it('stops a run on a limit longer than it may wait, keeps what it found, and resumes next run', async () => {
    const commit = infra.push({ 'deploy/stage.env': `# acme-internal.cn\nAWS_ACCESS_KEY_ID=${keys.awsId}\nAWS_SECRET_ACCESS_KEY=${keys.awsSecret}\n` }, 'stage');
    gh.secondaryLimit(1, 3600);
    const stopped = await runWatcher(deps, 'acme-gh', watch(), settings);
    expect(stopped.stoppedBy).toMatch(/GitHub rate limit on \/search\/code: retry in 3600 s/);
    expect(store.get<WatchState>(LEAK_WATCH_STATE, 'acme-gh')?.stoppedBy).toBe(stopped.stoppedBy);
    const resumed = await runWatcher(deps, 'acme-gh', watch(), settings);
    expect(resumed).toMatchObject({ newLeaks: 2 });
    expect(store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.awsId))?.first.commit).toBe(commit);
  });

  it('names the path, never the token, when the token is refused', async () => {
    process.env.SOCDECK_TEST_GH_TOKEN = 'wrong-token-value';
    try {
      await expect(runWatcher(deps, 'acme-gh', watch(), settings)).rejects.toThrow(/^GitHub \/search\/code: 401 \(token refused\)$/);
    } finally {
      process.env.SOCDECK_TEST_GH_TOKEN = TOKEN;
    }
  });
});
