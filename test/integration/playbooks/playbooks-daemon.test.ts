import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makePlaybookRepo, playbookOverrides, type PlaybookRepo } from './playbook-repo.js';

const RANSOMWARE = 'host-intrusion/ransomware.md';
const WORM = 'host-intrusion/worm.md';

let td: TestDaemon | undefined;
let repo: PlaybookRepo | undefined;

afterEach(async () => {
  await td?.stop();
  repo?.cleanup();
  td = undefined;
  repo = undefined;
});

describe('playbooks subsystem (real git, real daemon)', () => {
  // One daemon for both: starting one is the slow part on a loaded machine.
  let shared: TestDaemon;
  let sharedRepo: PlaybookRepo;
  let first: string;
  let second: string;
  beforeAll(async () => {
    sharedRepo = makePlaybookRepo();
    first = sharedRepo.git('rev-parse', 'HEAD');
    second = sharedRepo.editAndCommit(RANSOMWARE, (t) => t.replace('Confirm offline or immutable backups', 'Confirm tested offline or immutable backups'), 'ransomware: backups must be tested');
    shared = await startTestDaemon({ configOverrides: playbookOverrides(sharedRepo.dir) });
  });
  afterAll(async () => {
    await shared.stop();
    sharedRepo.cleanup();
  });

  it('serves all 18 playbooks with their commit, history and diffs', async () => {
    const c = await shared.connect();

    const list = await c.request('playbooks.list');
    expect(list.issues).toEqual([]);
    expect(list.playbooks).toHaveLength(18);
    expect(list.playbooks.find((p) => p.id === 'ransomware')).toMatchObject({ commit: second, dirty: false, file: RANSOMWARE });
    expect(list.playbooks.find((p) => p.id === 'worm')?.commit).toBe(first);

    const log = await c.request('playbooks.log', { id: 'ransomware' });
    expect(log.commits.map((x) => [x.hash, x.author, x.message])).toEqual([
      [second, 'Analyst One', 'ransomware: backups must be tested'],
      [first, 'Analyst One', 'import playbooks'],
    ]);

    const diff = await c.request('playbooks.diff', { id: 'ransomware', from: first });
    expect(diff.to).toBe(second);
    expect(diff.diff).toContain('+- [ ] `prep-backups` 确认离线/不可变备份存在且与生产网络隔离 / Confirm tested offline');

    const old = await c.request('playbooks.get', { id: 'ransomware', rev: first.slice(0, 10) });
    expect(old.commit).toBe(first);
    expect(old.playbook.phases[0]!.steps[0]!.en).toBe('Confirm offline or immutable backups exist and are isolated from production');

    await expect(c.request('playbooks.diff', { id: 'ransomware', from: '--output=evil.txt' })).rejects.toMatchObject({ code: 'invalid_params' });
    await expect(c.request('playbooks.diff', { id: 'ransomware', from: 'deadbeef' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('hot-reloads a saved edit, keeps the last good version while a file is broken, and reports file:line', async () => {
    const c = await shared.connect();
    const file = join(sharedRepo.dir, WORM);
    const original = readFileSync(file, 'utf8');

    writeFileSync(file, original.replace('Confirm the segment map', 'Confirm the current segment map'));
    await expect
      .poll(async () => (await c.request('playbooks.get', { id: 'worm' })).playbook.phases[0]!.steps[0]!.en, { timeout: 20_000, interval: 50 })
      .toBe('Confirm the current segment map and which switches/firewalls can take emergency ACLs');
    expect((await c.request('playbooks.list')).playbooks.find((p) => p.id === 'worm')?.dirty).toBe(true);

    writeFileSync(file, original.replace('severity: high', 'severity: [high'));
    await expect.poll(async () => (await c.request('playbooks.list')).issues.length, { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    const { issues, playbooks } = await c.request('playbooks.list');
    expect(issues[0]).toMatchObject({ file: WORM });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(5);
    // The last good version stays served so open incidents keep their checklist.
    expect(playbooks.find((p) => p.id === 'worm')?.steps).toBeGreaterThan(0);
  });

  it('initialises a git repository when the folder is in none', async () => {
    repo = makePlaybookRepo({ git: false });
    expect(existsSync(join(repo.dir, '.git'))).toBe(false);
    td = await startTestDaemon({ configOverrides: playbookOverrides(repo.dir, { watch: false }) });
    expect(existsSync(join(repo.dir, '.git'))).toBe(true);
    const log = execFileSync('git', ['log', '--format=%an %s'], { cwd: repo.dir, encoding: 'utf8' }).trim();
    expect(log).toBe('socdeck socdeck: start versioning playbooks');
    const c = await td.connect();
    expect((await c.request('playbooks.list')).playbooks.every((p) => p.commit !== null && !p.dirty)).toBe(true);
  });
});
