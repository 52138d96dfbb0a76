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
import { githubToken, plantedKeys, randomFrom } from '../../fixtures/leaks/planted-keys.js';
import { startFakeGitee, type FakeGitee } from '../../support/fake-gitee.js';
import { runnerDeps } from './runner-deps.js';
import { createPublicRepo, type PublicRepo } from '../../support/public-repo.js';

const keys = plantedKeys();
const ciToken = githubToken();
const giteeToken = randomFrom('0123456789abcdef', 32);
const TOKEN_ENV = 'SOCDECK_TEST_GITEE_TOKEN';
let base: string;
let store: Store;
let gitee: FakeGitee;
let app: PublicRepo;
let deps: RunnerDeps;
const settings = () => ({ timeoutMs: 10_000, rateLimitMaxWaitMs: 0, mirrorsDir: join(base, 'mirrors') });
const watch = (extra: Record<string, unknown> = {}) => WatchSpec.parse({ kind: 'gitee-org', customer: 'acme', orgs: ['acme'], token: `env:${TOKEN_ENV}`, apiUrl: gitee.apiUrl, ...extra });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('the run should have failed'),
    (e: unknown) => e as Error & { code: string },
  );
const apiCalls = () => gitee.requests.filter((r) => r.path.startsWith('/api/v5/'));

beforeAll(async () => {
  process.env[TOKEN_ENV] = giteeToken;
  base = mkdtempSync(join(tmpdir(), 'socdeck-gitee-watch-'));
  app = createPublicRepo(base, 'acme/app');
  const docs = createPublicRepo(base, 'acme/docs');
  const member = createPublicRepo(base, 'dev-li/scratch');
  app.push({ 'README.md': '# app\n' }, 'initial');
  // Committed and deleted again: only the history has it.
  app.push({ 'config/cos.env': `TENCENTCLOUD_SECRET_ID=${keys.tencentId}\nTENCENTCLOUD_SECRET_KEY=${keys.tencentKey}\n` }, 'add cos config', {
    name: 'Li Ops',
    email: 'li@acme.test',
    date: '2026-02-01T10:00:00+08:00',
  });
  app.push({ 'config/cos.env': '# moved to the vault\n' }, 'remove secret');
  docs.push({ 'index.md': '# docs\n' }, 'docs');
  member.push({ 'aws.ini': `[default]\naws_access_key_id = ${keys.awsId}\naws_secret_access_key = ${keys.awsSecret}\n` }, 'oops');
  store = await Store.open(join(base, 'data'));
  deps = runnerDeps(store);
  gitee = await startFakeGitee({ token: giteeToken, root: join(base, 'hosted'), repos: ['acme/app', 'acme/docs', 'dev-li/scratch'], members: new Map([['acme', ['dev-li']]]), maxPerPage: 1 });
});

afterAll(async () => {
  delete process.env[TOKEN_ENV];
  await gitee.close();
  await store.close();
  rmSync(base, { recursive: true, force: true });
});

describe('gitee-org watcher (Gitee v5 API, repositories over git http-backend)', () => {
  it('pages through the org, clones every public repository and finds a key deleted again, linked on the Gitee web view', async () => {
    const s = await runWatcher(deps, 'acme-gitee', watch(), settings());
    expect(s).toMatchObject({ kind: 'gitee-org', hits: 2, commitsScanned: 4, newLeaks: 2 });
    // Two pages of one repository each, found from total_page (Gitee sends no Link header).
    expect(apiCalls().map((r) => `${r.path}?page=${r.query.get('page') ?? 1}`)).toEqual(['/api/v5/orgs/acme/repos?page=1', '/api/v5/orgs/acme/repos?page=2']);
    expect(apiCalls().every((r) => r.query.get('access_token') === giteeToken && r.query.get('type') === 'public' && r.auth === undefined)).toBe(true);
    const key = store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.tencentKey))!;
    expect(key.first.target).toBe(`${gitee.url}/acme/app`);
    expect(key.first.url).toMatch(new RegExp(`^${gitee.url}/acme/app/blob/[0-9a-f]{40}/config/cos\\.env#L2$`));
    expect(store.values<LeakFinding>(LEAK_FINDINGS).find((f) => f.leakId === key.id)).toMatchObject({ author: 'Li Ops <li@acme.test>', date: '2026-02-01T10:00:00+08:00' });
    expect(gitee.requests.some((r) => r.path === '/acme/app.git/info/refs')).toBe(true);
  });

  it('fetches only the new pushes next time and scans just those commits', async () => {
    app.push({ 'ci/deploy.yml': `env:\n  GH_TOKEN: ${ciToken}\n` }, 'ci');
    expect(await runWatcher(deps, 'acme-gitee', watch(), settings())).toMatchObject({ commitsScanned: 1, newLeaks: 1 });
    expect((await runWatcher(deps, 'acme-gitee', watch(), settings())).commitsScanned).toBe(0);
  });

  it("takes in members' public repositories when opted in", async () => {
    const s = await runWatcher(deps, 'acme-gitee', watch({ includeMembers: true }), settings());
    expect(s).toMatchObject({ hits: 3, newLeaks: 2 });
    expect(store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.awsId))?.first.target).toBe(`${gitee.url}/dev-li/scratch`);
    expect(apiCalls().some((r) => r.path === '/api/v5/orgs/acme/members')).toBe(true);
    expect(apiCalls().some((r) => r.path === '/api/v5/users/dev-li/repos' && r.query.get('type') === 'owner')).toBe(true);
  });

  it('stops a rate-limited run as busy and a refused token as unauthorized, never showing the token', async () => {
    gitee.throttle(1);
    const busy = await failure(runWatcher(deps, 'acme-gitee', watch(), settings()));
    expect(busy).toMatchObject({ code: 'busy', message: expect.stringMatching(/^Gitee \/api\/v5\/orgs\/acme\/repos: rate limited \(HTTP 403\)/) });
    expect(busy.message).not.toContain(giteeToken);
    expect((await runWatcher(deps, 'acme-gitee', watch(), settings())).commitsScanned).toBe(0);
    process.env[TOKEN_ENV] = 'wrong-token-value';
    const refused = await failure(runWatcher(deps, 'acme-gitee', watch(), settings()));
    process.env[TOKEN_ENV] = giteeToken;
    expect(refused).toMatchObject({ code: 'unauthorized', message: 'Gitee /api/v5/orgs/acme/repos: 401 (token refused)' });
    expect(JSON.stringify(store.values(LEAK_FINDINGS)) + JSON.stringify(store.values(LEAKS))).not.toContain(giteeToken);
  });

  it('lists public repositories without a token, as Gitee allows', async () => {
    const before = apiCalls().length;
    const s = await runWatcher(deps, 'acme-gitee-anon', WatchSpec.parse({ kind: 'gitee-org', customer: 'acme', orgs: ['acme'], apiUrl: gitee.apiUrl }), settings());
    expect(s.hits).toBe(2);
    expect(
      apiCalls()
        .slice(before)
        .every((r) => !r.query.has('access_token')),
    ).toBe(true);
  });
});
