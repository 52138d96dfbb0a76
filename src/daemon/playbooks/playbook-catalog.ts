import { watch, type FSWatcher } from 'node:fs';
import type { LintIssue, PlaybookVersion } from '../../shared/playbook.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store, StoreOp } from '../store/store.js';
import { lintPlaybookDir } from './lint-playbook-dir.js';
import type { PlaybookGit } from './playbook-git.js';
import { PLAYBOOK_CATALOG } from '../collections.js';

/**
 * The playbooks the daemon serves, one record per playbook id, kept in the store so other
 * subsystems (incidents) read them without touching the folder or git.
 */

/**
 * Loads the folder into the catalog and keeps it current. A playbook whose file turns invalid
 * keeps its last good version in the catalog (open incidents still have a checklist) while the
 * lint issues are reported; a deleted file drops out.
 */
export class PlaybookCatalog {
  private issues: LintIssue[] = [];
  private running: Promise<string[]> | undefined;
  private again = false;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;

  constructor(
    readonly dir: string,
    readonly git: PlaybookGit,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  get lintIssues(): LintIssue[] {
    return this.issues;
  }

  get(id: string): PlaybookVersion | undefined {
    return this.store.get<PlaybookVersion>(PLAYBOOK_CATALOG, id);
  }

  all(): PlaybookVersion[] {
    return this.store.values<PlaybookVersion>(PLAYBOOK_CATALOG).sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Re-reads the folder; overlapping calls coalesce into one extra pass. Returns changed ids. */
  reload(): Promise<string[]> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const changed: string[] = [];
      try {
        do {
          this.again = false;
          changed.push(...(await this.reloadOnce()));
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return [...new Set(changed)];
    })();
    return this.running;
  }

  private async reloadOnce(): Promise<string[]> {
    const lint = lintPlaybookDir(this.dir);
    this.issues = lint.issues;
    const now = new Date(this.clock.now()).toISOString();
    const ops: Extract<StoreOp, { id: string }>[] = [];
    const seen = new Set<string>();
    const git = await this.git.snapshot();
    for (const f of lint.files) {
      const id = f.playbook?.id ?? f.file.split('/').pop()!.replace(/\.md$/, '');
      seen.add(id);
      if (!f.playbook) continue;
      const commit = git.commits.get(f.file) ?? null;
      const dirty = git.dirty.has(f.file);
      const prev = this.get(id);
      if (prev && prev.contentHash === f.contentHash && prev.commit === commit && prev.dirty === dirty && prev.file === f.file) continue;
      const value: PlaybookVersion = { id, file: f.file, commit, contentHash: f.contentHash, dirty, loadedAt: now, playbook: f.playbook };
      ops.push({ op: 'put', coll: PLAYBOOK_CATALOG, id, value });
    }
    for (const old of this.all()) if (!seen.has(old.id)) ops.push({ op: 'del', coll: PLAYBOOK_CATALOG, id: old.id });
    await this.store.commit(ops);
    if (ops.length > 0) this.log.info(`playbooks: ${ops.length} changed (${ops.map((o) => o.id).join(', ')})`);
    for (const i of this.issues) this.log.warn(`playbooks: ${i.file}${i.line ? `:${i.line}` : ''}: ${i.message}`);
    return ops.map((o) => o.id);
  }

  /** Reloads shortly after the files change; git internals are watched by the HEAD poll instead. */
  watch(debounceMs: number): void {
    try {
      this.watcher = watch(this.dir, { recursive: true }, (_event, name) => {
        if (name && /(^|[\\/])\.git([\\/]|$)/.test(name)) return;
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => void this.reload().catch((err: unknown) => this.log.error(`playbooks: reload failed: ${String(err)}`)), debounceMs);
      });
      this.watcher.on('error', (err) => this.log.warn(`playbooks: watcher stopped (${String(err)}); changes are picked up by the periodic check`));
    } catch (err) {
      this.log.warn(`playbooks: cannot watch ${this.dir} (${String(err)}); changes are picked up by the periodic check`);
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.debounce);
    this.watcher?.close();
    await this.running?.catch(() => undefined);
  }
}
