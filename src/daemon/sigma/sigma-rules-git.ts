import { simpleGit } from 'simple-git';
import { PlaybookGit } from '../playbooks/playbook-git.js';

/** The daemon's identity for its own commits: the analyst's git config is not touched. */
const IDENTITY = ['-c', 'user.name=socdeck', '-c', 'user.email=socdeck@localhost', '-c', 'commit.gpgsign=false'];

/**
 * Git versioning of a Sigma rules folder, on the playbooks' git access: each reload the daemon
 * makes commits what changed, so the commit beside the loaded rules names exactly their text.
 */
export class SigmaRulesGit {
  private readonly repo: PlaybookGit;

  constructor(readonly dir: string) {
    this.repo = new PlaybookGit(dir);
  }

  /**
   * Commits the folder's changes (added, edited, removed rules) when the folder is the top of its
   * own repository, and returns the commit its rules are now at (null outside any repository).
   */
  async record(): Promise<string | null> {
    await this.repo.ensureRepo('socdeck: start versioning sigma rules');
    const git = simpleGit({ baseDir: this.dir });
    const ownRepo = (await git.raw(['rev-parse', '--show-prefix'])).trim() === '';
    if (ownRepo) {
      const { dirty } = await this.repo.snapshot();
      if (dirty.size > 0) {
        await git.add(['-A', '.']);
        const files = [...dirty].sort();
        const named = files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', ');
        await git.raw([...IDENTITY, 'commit', '-q', '-m', `socdeck: sigma rules changed: ${named}`]);
      }
    }
    return this.repo.head();
  }
}
