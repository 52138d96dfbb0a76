import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAK_FINDINGS, LEAKS } from '../../../src/daemon/collections.js';
import type { RunnerDeps } from '../../../src/daemon/leaks/runner-deps.js';
import { WatchSpec } from '../../../src/daemon/leaks/watch/watch-config.js';
import { runWatcher } from '../../../src/daemon/leaks/watch/watch-runner.js';
import { Store } from '../../../src/daemon/store/store.js';
import type { LeakFinding, LeakItem } from '../../../src/shared/leak.js';
import { fingerprintSecret } from '../../../src/shared/secret-mask.js';
import { githubToken, plantedKeys } from '../../fixtures/leaks/planted-keys.js';
import { startFakeGithub, type FakeGithub } from '../../support/fake-github.js';
import { runnerDeps } from './runner-deps.js';
import { createPublicRepo, type PublicRepo } from '../../support/public-repo.js';

const keys = plantedKeys();
const memberToken = githubToken();
let base: string;
let store: Store;
let gh: FakeGithub;
let app: PublicRepo;
let member: PublicRepo;
let deps: RunnerDeps;
const settings = () => ({ timeoutMs: 10_000, rateLimitMaxWaitMs: 0, mirrorsDir: join(base, 'mirrors') });

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'socdeck-repo-watch-'));
  app = createPublicRepo(base, 'acme/app');
  member = createPublicRepo(base, 'dev-eve/scratch');
  app.push({ 'README.md': '# app\n' }, 'initial');
  // A key committed and deleted again: only the history has it.
  app.push({ 'config/cos.env': `TENCENTCLOUD_SECRET_ID=${keys.tencentId}\nTENCENTCLOUD_SECRET_KEY=${keys.tencentKey}\n` }, 'add cos config', {
    name: 'Eve Ops',
    email: 'eve@acme.test',
    date: '2026-02-01T10:00:00+08:00',
  });
  app.push({ 'config/cos.env': '# moved to the vault\n' }, 'remove secret');
  member.push({ 'notes.md': 'scratch\n' }, 'scratch');
  store = await Store.open(join(base, 'data'));
  deps = runnerDeps(store);
  gh = await startFakeGithub({
    token: 'unused',
    repos: new Map([
      ['acme/app', app.bare],
      ['dev-eve/scratch', member.bare],
    ]),
    members: new Map([['acme', ['dev-eve']]]),
  });
});

afterAll(async () => {
  await gh.close();
  await store.close();
  rmSync(base, { recursive: true, force: true });
});

const orgWatch = (includeMembers: boolean) => WatchSpec.parse({ kind: 'github-org', customer: 'acme', orgs: ['acme'], includeMembers, apiUrl: gh.url });

describe('github-org watcher over git smart HTTP (git http-backend)', () => {
  it('clones every public repository of the org and finds a key that was deleted again, in its commit', async () => {
    const s = await runWatcher(deps, 'acme-org', orgWatch(false), settings());
    expect(s).toMatchObject({ hits: 1, commitsScanned: 3, newLeaks: 2 });
    const key = store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.tencentKey))!;
    expect(key.first.target).toBe('https://github.com/acme/app');
    expect(key.first.url).toMatch(/^https:\/\/github\.com\/acme\/app\/blob\/[0-9a-f]{40}\/config\/cos\.env#L2$/);
    expect(store.values<LeakFinding>(LEAK_FINDINGS).find((f) => f.leakId === key.id)).toMatchObject({ author: 'Eve Ops <eve@acme.test>', date: '2026-02-01T10:00:00+08:00' });
    expect(gh.requests.some((r) => r.path.startsWith('/git/acme/app.git/info/refs?service=git-upload-pack'))).toBe(true);
  });

  it('fetches only new pushes next time and scans just those commits', async () => {
    app.push({ 'ci/deploy.yml': `env:\n  GH_TOKEN: ${memberToken}\n` }, 'ci');
    const s = await runWatcher(deps, 'acme-org', orgWatch(false), settings());
    expect(s).toMatchObject({ commitsScanned: 1, newLeaks: 1 });
    expect((await runWatcher(deps, 'acme-org', orgWatch(false), settings())).commitsScanned).toBe(0);
  });

  it("takes in members' public repositories when opted in", async () => {
    member.push({ 'aws.ini': `[default]\naws_access_key_id = ${keys.awsId}\naws_secret_access_key = ${keys.awsSecret}\n` }, 'oops');
    const s = await runWatcher(deps, 'acme-org', orgWatch(true), settings());
    expect(s).toMatchObject({ hits: 2, newLeaks: 2 });
    expect(store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.awsId))?.first.target).toBe('https://github.com/dev-eve/scratch');
  });
});

describe('git-remotes watcher', () => {
  it('watches any git URL, naming findings by the URL without credentials and linking them by the template', async () => {
    const w = WatchSpec.parse({ kind: 'git-remotes', customer: 'globex', urls: [`${gh.url.replace('http://', 'http://reader:pw@')}/git/acme/app.git`], webUrl: '{repo}/-/blob/{commit}/{path}' });
    const s = await runWatcher(deps, 'globex-remotes', w, settings());
    const commits = Number(execFileSync('git', ['-C', app.bare, 'rev-list', '--count', '--all'], { encoding: 'utf8' }));
    expect(s).toMatchObject({ hits: 1, commitsScanned: commits });
    expect(s.newLeaks).toBeGreaterThanOrEqual(2);
    const leak = store.values<LeakItem>(LEAKS).find((l) => l.customer === 'globex' && l.fingerprint === fingerprintSecret(keys.tencentId))!;
    expect(leak.first.target).toBe(`${gh.url}/git/acme/app`);
    expect(leak.first.url).toMatch(new RegExp(`^${gh.url}/git/acme/app/-/blob/[0-9a-f]{40}/config/cos\\.env#L1$`));
    expect(JSON.stringify(store.values(LEAK_FINDINGS))).not.toContain('reader:pw');
  });

  it('names the host, not the URL, when a fetch fails', async () => {
    const w = WatchSpec.parse({ kind: 'git-remotes', customer: 'globex', urls: ['http://reader:secret-pw@127.0.0.1:9/none.git'] });
    await expect(runWatcher(deps, 'bad-remote', w, settings())).rejects.toThrow(/^git fetch of http:\/\/127\.0\.0\.1:9\/… failed/);
    await expect(runWatcher(deps, 'bad-remote', w, settings())).rejects.not.toThrow(/secret-pw/);
  });
});
