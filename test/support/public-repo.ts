import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PublicRepo {
  /** The bare repository a code host serves. */
  bare: string;
  /** Commits the files in a clone and pushes it, as a developer would; returns the commit. */
  push(files: Record<string, string>, message: string, author?: { name: string; email: string; date?: string }): string;
}

const git = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } }).trim();

/** A bare repository under `base/hosted/<owner>/<name>.git` and a working clone to push from. */
export function createPublicRepo(base: string, fullName: string): PublicRepo {
  const bare = join(base, 'hosted', `${fullName}.git`);
  const work = join(base, 'clones', fullName);
  mkdirSync(bare, { recursive: true });
  mkdirSync(work, { recursive: true });
  git(bare, ['init', '-q', '--bare', '-b', 'main']);
  git(work, ['init', '-q', '-b', 'main']);
  git(work, ['remote', 'add', 'origin', bare]);
  return {
    bare,
    push(files, message, author = { name: 'Dev One', email: 'dev1@example.test' }) {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(work, path)), { recursive: true });
        writeFileSync(join(work, path), text);
        git(work, ['add', path]);
      }
      const date = author.date ?? new Date().toISOString();
      git(work, ['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`, 'commit', '-q', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
      git(work, ['push', '-q', 'origin', 'main']);
      return git(work, ['rev-parse', 'HEAD']);
    },
  };
}
