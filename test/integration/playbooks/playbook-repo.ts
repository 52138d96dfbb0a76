import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../support/daemon.js';

export const SHIPPED_PLAYBOOKS = fileURLToPath(new URL('../../../playbooks', import.meta.url));

export interface PlaybookRepo {
  dir: string;
  git(...args: string[]): string;
  /** Rewrites one playbook file and commits it; returns the new commit hash. */
  editAndCommit(file: string, edit: (text: string) => string, message: string): string;
  cleanup(): void;
}

/** A temp copy of the shipped playbooks in a real git repo with a local identity. */
export function makePlaybookRepo(opts: { git?: boolean } = {}): PlaybookRepo {
  const dir = tempDir('socdeck-playbooks-');
  cpSync(SHIPPED_PLAYBOOKS, dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  if (opts.git !== false) {
    git('init', '-q');
    git('config', 'user.name', 'Analyst One');
    git('config', 'user.email', 'analyst@example.test');
    git('add', '-A');
    git('commit', '-q', '-m', 'import playbooks');
  }
  return {
    dir,
    git,
    editAndCommit(file, edit, message) {
      const full = join(dir, file);
      writeFileSync(full, edit(readFileSync(full, 'utf8')));
      git('add', file);
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Config overrides for a daemon reading `dir`, with the other subsystems kept quiet. */
export function playbookOverrides(dir: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { leaks: { enabled: false, demo: { enabled: false } }, playbooks: { dir, debounceMs: 50, gitPollMs: 200, ...extra } };
}
