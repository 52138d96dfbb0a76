import { simpleGit, type SimpleGit } from 'simple-git';
import { SocdeckError } from '../../shared/errors.js';
import type { PlaybookCommit } from '../../shared/playbook.js';

/** Revisions come from analysts and the wire: refuse anything git could read as an option. */
const SAFE_REV = /^[A-Za-z0-9][A-Za-z0-9._/~^@{}-]{0,199}$/;

/**
 * Git access for the playbooks folder. The folder may be its own repository or a folder inside
 * a bigger one (the shipped demo lives in the socdeck repo); paths are always given relative to
 * the folder and passed as `./path` pathspecs so git resolves them from there.
 */
export class PlaybookGit {
  private readonly git: SimpleGit;

  constructor(readonly dir: string) {
    this.git = simpleGit({ baseDir: dir, maxConcurrentProcesses: 2 });
  }

  /**
   * Makes the folder a git repository when it is in none, committing what is there, so every
   * incident has a commit to pin. Returns true when it created the repository.
   */
  async ensureRepo(message = 'socdeck: start versioning playbooks'): Promise<boolean> {
    if (await this.git.checkIsRepo()) return false;
    await this.git.init();
    await this.git.add(['-A', '.']);
    // A daemon identity for this one commit only: the analyst's own git config is not touched.
    await this.git.raw(['-c', 'user.name=socdeck', '-c', 'user.email=socdeck@localhost', '-c', 'commit.gpgsign=false', 'commit', '--allow-empty', '-m', message]);
    return true;
  }

  async head(): Promise<string | null> {
    try {
      return (await this.git.raw(['rev-parse', '--verify', '-q', 'HEAD'])).trim() || null;
    } catch {
      return null;
    }
  }

  /**
   * For every file under the folder: the latest commit that touched it, and whether the working
   * copy differs from it. Three git processes however many playbooks there are.
   */
  async snapshot(): Promise<{ commits: Map<string, string>; dirty: Set<string> }> {
    const commits = new Map<string, string>();
    // Outside any repository (initGit off) there are no versions to report, only the files.
    if (!(await this.git.checkIsRepo())) return { commits, dirty: new Set() };
    if ((await this.head()) !== null) {
      const out = await this.git.raw(['log', '--format=%x1e%H', '--name-only', '--relative', '--', '.']);
      for (const entry of out.split('\x1e')) {
        const [hash = '', ...files] = entry.split('\n').map((l) => l.trim());
        for (const f of files) if (f !== '' && !commits.has(f)) commits.set(f, hash);
      }
    }
    // Porcelain paths are relative to the repository root; the folder may be a subfolder of it.
    const prefix = (await this.git.raw(['rev-parse', '--show-prefix'])).trim();
    const status = await this.git.raw(['--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=all', '--', '.']);
    const dirty = new Set<string>();
    const records = status.split('\0');
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (r.length < 4) continue;
      const path = r.slice(3);
      dirty.add(path.startsWith(prefix) ? path.slice(prefix.length) : path);
      // A rename record is followed by its source path.
      if (r[0] === 'R' || r[0] === 'C') i++;
    }
    return { commits, dirty };
  }

  async log(file: string, limit: number): Promise<PlaybookCommit[]> {
    if ((await this.head()) === null) return [];
    const out = await this.git.raw(['log', `-${limit}`, '--format=%H%x1f%aI%x1f%an%x1f%s%x1e', '--', `./${file}`]);
    return out
      .split('\x1e')
      .map((r) => r.trim())
      .filter((r) => r !== '')
      .map((r) => {
        const [hash = '', date = '', author = '', message = ''] = r.split('\x1f');
        return { hash, date, author, message };
      });
  }

  /** Resolves a revision the analyst typed (hash, tag, HEAD~2) to a full commit hash. */
  async resolve(rev: string): Promise<string> {
    if (!SAFE_REV.test(rev)) throw new SocdeckError('invalid_params', `"${rev}" is not a git revision`);
    // `-q` makes git exit non-zero without stderr, which simple-git may report as empty output.
    const hash = await this.git.raw(['rev-parse', '--verify', '-q', `${rev}^{commit}`]).catch(() => '');
    if (!/^[0-9a-f]{40,64}$/.test(hash.trim())) throw new SocdeckError('not_found', `no commit "${rev}" in the playbooks repository`);
    return hash.trim();
  }

  async diff(file: string, from: string, to: string): Promise<string> {
    const [a, b] = [await this.resolve(from), await this.resolve(to)];
    return this.git.raw(['diff', a, b, '--', `./${file}`]);
  }

  /** The file's text at a commit. */
  async show(file: string, rev: string): Promise<string> {
    const c = await this.resolve(rev);
    try {
      return await this.git.raw(['show', `${c}:./${file}`]);
    } catch {
      throw new SocdeckError('not_found', `${file} does not exist at ${c.slice(0, 12)}`);
    }
  }
}
