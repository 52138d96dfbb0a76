import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '../../../src/daemon/bus.js';
import type { RunnerDeps } from '../../../src/daemon/leaks/runner-deps.js';
import { runScan } from '../../../src/daemon/leaks/scan-runner.js';
import { Store } from '../../../src/daemon/store/store.js';
import type { LeakFinding, LeakItem } from '../../../src/shared/leak.js';
import { fingerprintSecret } from '../../../src/shared/secret-mask.js';
import { githubToken, plantedKeys } from '../../fixtures/leaks/planted-keys.js';
import { runnerDeps } from './runner-deps.js';
import { LEAKS, LEAK_FINDINGS } from '../../../src/daemon/collections.js';

let base: string;
let repo: string;
let git: SimpleGit;
let store: Store;
const bus = new Bus();
const detected: LeakItem[] = [];
let deps: RunnerDeps;
const keys = plantedKeys();
let addCommit: string;

async function commit(message: string, files: Record<string, string | null>): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    if (content === null) {
      unlinkSync(join(repo, name));
      await git.rm(name);
    } else {
      writeFileSync(join(repo, name), content);
      await git.add(name);
    }
  }
  await git.commit(message);
  return (await git.revparse(['HEAD'])).trim();
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'socdeck-leaks-git-'));
  repo = join(base, 'repo');
  git = simpleGit({ baseDir: base });
  await git.init(['repo']);
  git = simpleGit({ baseDir: repo });
  await git.addConfig('user.name', 'Dev One', false, 'local');
  await git.addConfig('user.email', 'dev1@example.test', false, 'local');
  await commit('initial', { 'README.md': '# service\n' });
  addCommit = await commit('add deploy config', { 'deploy.env': `# deploy\nTENCENTCLOUD_SECRET_ID=${keys.tencentId}\nTENCENTCLOUD_SECRET_KEY=${keys.tencentKey}\n` });
  await commit('remove credentials', { 'deploy.env': null });
  store = await Store.open(join(base, 'data'));
  bus.on('leak.detected', (l) => detected.push(l));
  deps = runnerDeps(store, bus);
});

afterAll(async () => {
  await store.close();
  rmSync(base, { recursive: true, force: true });
});

describe('git history scanning', () => {
  it('finds a key that was committed and later deleted, with commit, author, date, file and line', async () => {
    const s = await runScan(deps, { path: repo, git: true, customer: 'acme' });
    expect(s).toMatchObject({ kind: 'git', commitsScanned: 3, findings: 2, newLeaks: 2 });
    const findings = store.values<LeakFinding>(LEAK_FINDINGS).sort((a, b) => a.line - b.line);
    expect(findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, commit: f.commit, author: f.author }))).toEqual([
      { rule: 'tencent-secret-id', file: 'deploy.env', line: 2, commit: addCommit, author: 'Dev One <dev1@example.test>' },
      { rule: 'tencent-secret-key', file: 'deploy.env', line: 3, commit: addCommit, author: 'Dev One <dev1@example.test>' },
    ]);
    expect(Date.parse(findings[0]!.date!)).not.toBeNaN();
  });

  it('raises one leak item per distinct key with the SLA budget and history-purge remediation', () => {
    expect(detected.map((l) => l.fingerprint).sort()).toEqual([fingerprintSecret(keys.tencentId), fingerprintSecret(keys.tencentKey)].sort());
    const key = store.get<LeakItem>(LEAKS, detected.find((l) => l.rule === 'tencent-secret-key')!.id)!;
    expect(key).toMatchObject({ customer: 'acme', provider: 'tencent', severity: 'critical', state: 'open', slaBusinessMinutes: 30, detectedAt: '2026-03-02T02:00:00.000Z' });
    expect(key.pairedWith).toBe(detected.find((l) => l.rule === 'tencent-secret-id')!.id);
    expect(key.remediation.join('\n')).toMatch(/CAM console[\s\S]*CloudAudit[\s\S]*git filter-repo[\s\S]*pre-commit/);
  });

  it('scans only the commits added since the last scan', async () => {
    const other = githubToken();
    const c = await commit('add ci token', { 'ci.yml': `env:\n  GH_TOKEN: ${other}\n` });
    const s = await runScan(deps, { path: repo, git: true, customer: 'acme' });
    expect(s).toMatchObject({ commitsScanned: 1, findings: 1, newLeaks: 1 });
    expect(store.values<LeakFinding>(LEAK_FINDINGS).find((f) => f.rule === 'github-pat')).toMatchObject({ commit: c, file: 'ci.yml', line: 2 });

    const again = await runScan(deps, { path: repo, git: true, customer: 'acme' });
    expect(again).toMatchObject({ commitsScanned: 0, findings: 0, newLeaks: 0 });
  });

  it('recognises the same key in a new place by its fingerprint without raising a second leak', async () => {
    const before = detected.length;
    await commit('copy config back', { 'restore.env': `TENCENTCLOUD_SECRET_ID=${keys.tencentId}\n` });
    const s = await runScan(deps, { path: repo, git: true, customer: 'acme' });
    expect(s).toMatchObject({ commitsScanned: 1, findings: 1, newLeaks: 0 });
    expect(detected.length).toBe(before);
    const id = store.values<LeakItem>(LEAKS).find((l) => l.fingerprint === fingerprintSecret(keys.tencentId))!;
    expect(id.locations).toBe(2);
  });

  it('scans a branch that is not checked out', async () => {
    const token = githubToken();
    await git.checkoutLocalBranch('feature');
    await commit('feature work', { 'feature.txt': `token=${token}\n` });
    await git.checkout('master').catch(() => git.checkout('main'));
    const s = await runScan(deps, { path: repo, git: true, customer: 'acme' });
    expect(s).toMatchObject({ commitsScanned: 1, newLeaks: 1 });
  });
});
