import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigmaRulesGit } from '../../../src/daemon/sigma/sigma-rules-git.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { quietOthers, waitFor } from '../sources/helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RULE = join(ROOT, 'config', 'sigma', 'rules', 'linux', 'lnx_privileged_user_creation.yml');
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const INVALID_USER =
  'title: invalid ssh user\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\nlogsource: {product: linux, service: sshd}\ndetection:\n  sel:\n    invalid_user: "true"\n  condition: sel\n';

describe('a sigma rules folder versioned with git (real daemon, real git)', () => {
  const dir = tempDir('socdeck-sigma-git-');
  const rules = join(dir, 'rules');
  let d: TestDaemon;
  const commit = () => d.daemon.status().sources.find((s) => s.name === 'authhook')?.rulesCommit;

  beforeAll(async () => {
    mkdirSync(rules);
    copyFileSync(RULE, join(rules, 'privileged-user.yml'));
    d = await startTestDaemon({
      dataDir: join(dir, 'data'),
      configOverrides: { ...quietOthers(), ingest: { sources: [{ name: 'authhook', kind: 'webhook', detect: 'sigma', sigma: { rules, mapping: 'linux-auth', reloadDebounceMs: 50, git: true } }] } },
    });
  });
  afterAll(async () => d?.stop());

  it('makes the folder a repository at start and shows its commit in the source status', async () => {
    await waitFor('rules commit in the status', () => commit() !== undefined);
    expect(commit()).toBe(git(rules, 'rev-parse', 'HEAD'));
    expect(git(rules, 'log', '--format=%s')).toBe('socdeck: start versioning sigma rules');
    expect(git(rules, 'ls-files')).toBe('privileged-user.yml');
  });

  it('commits each change it loads, naming the files, and the status moves to the new commit', async () => {
    const first = commit()!;
    writeFileSync(join(rules, 'invalid-user.yml'), INVALID_USER);
    await waitFor('a commit for the new rule', () => commit() !== undefined && commit() !== first);
    expect(commit()).toBe(git(rules, 'rev-parse', 'HEAD'));
    expect(git(rules, 'log', '-1', '--format=%s')).toBe('socdeck: sigma rules changed: invalid-user.yml');
    expect(git(rules, 'show', `${commit()!}:invalid-user.yml`)).toBe(INVALID_USER.trim());
    const second = commit()!;
    writeFileSync(join(rules, 'privileged-user.yml'), readFileSync(RULE, 'utf8').replace('level: high', 'level: critical'));
    await waitFor('a commit for the edited rule', () => commit() !== undefined && commit() !== second);
    expect(git(rules, 'log', '-1', '--format=%s')).toBe('socdeck: sigma rules changed: privileged-user.yml');
    expect(git(rules, 'status', '--porcelain')).toBe('');
    expect(git(rules, 'rev-list', '--count', 'HEAD')).toBe('3');
  });
});

describe('SigmaRulesGit in a folder inside a bigger repository', () => {
  it('commits nothing into that repository and reports its HEAD', async () => {
    const outer = tempDir('socdeck-sigma-outer-');
    git(outer, 'init', '-q');
    writeFileSync(join(outer, 'README'), 'outer\n');
    git(outer, 'add', 'README');
    git(outer, '-c', 'user.name=t', '-c', 'user.email=t@localhost', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'outer');
    const head = git(outer, 'rev-parse', 'HEAD');
    mkdirSync(join(outer, 'rules'));
    writeFileSync(join(outer, 'rules', 'r.yml'), INVALID_USER);
    expect(await new SigmaRulesGit(join(outer, 'rules')).record()).toBe(head);
    expect(git(outer, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(git(outer, 'status', '--porcelain')).toBe('?? rules/');
  });
});
