import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlaybookGit } from '../../../src/daemon/playbooks/playbook-git.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

describe('PlaybookGit.snapshot (real git)', () => {
  it('reports no versions outside any repository instead of failing', async () => {
    root = mkdtempSync(join(tmpdir(), 'socdeck-nogit-'));
    writeFileSync(join(root, 'a.md'), 'x');
    expect(await new PlaybookGit(root).snapshot()).toEqual({ commits: new Map(), dirty: new Set() });
  });

  it('gives each file its latest commit and its edits relative to a folder inside a bigger repository', async () => {
    root = mkdtempSync(join(tmpdir(), 'socdeck-subgit-'));
    const dir = join(root, 'ops', 'playbooks');
    mkdirSync(join(dir, 'data-leak'), { recursive: true });
    git(root, 'init', '-q');
    git(root, 'config', 'user.name', 'T');
    git(root, 'config', 'user.email', 't@example.test');
    writeFileSync(join(dir, 'data-leak', 'a.md'), '1');
    writeFileSync(join(dir, 'data-leak', 'b.md'), '1');
    writeFileSync(join(root, 'outside.md'), '1');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'one');
    const one = git(root, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'data-leak', 'b.md'), '2');
    git(root, 'commit', '-q', '-am', 'two');
    const two = git(root, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'data-leak', 'a.md'), 'edited');
    writeFileSync(join(dir, 'data-leak', 'new file.md'), 'new');
    writeFileSync(join(root, 'outside.md'), 'edited');

    const snap = await new PlaybookGit(dir).snapshot();
    expect(Object.fromEntries(snap.commits)).toEqual({ 'data-leak/a.md': one, 'data-leak/b.md': two });
    expect([...snap.dirty].sort()).toEqual(['data-leak/a.md', 'data-leak/new file.md']);
  });
});
