import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../config.js';
import { defineModule } from '../module.js';
import { PlaybookCatalog } from './playbook-catalog.js';
import { PlaybookGit } from './playbook-git.js';
import { registerPlaybookMethods } from './playbook-methods.js';

export const PlaybooksConfig = z
  .object({
    /** The git-versioned playbook folder; relative paths are from the socdeck install. */
    dir: z.string().min(1).default('playbooks'),
    /** Create a repository (with one commit) when the folder is in none. */
    initGit: z.boolean().default(true),
    watch: z.boolean().default(true),
    /** Quiet time after a save before reloading, so an editor's write-rename burst reloads once. */
    debounceMs: z.number().int().min(10).max(10_000).default(300),
    /** How often to check git HEAD for new commits (commits do not touch the working files). */
    gitPollMs: z.number().int().min(100).max(600_000).default(5000),
  })
  .strict();
export type PlaybooksConfig = z.infer<typeof PlaybooksConfig>;

export function resolvePlaybookDir(dir: string): string {
  return isAbsolute(dir) ? dir : join(PACKAGE_ROOT, dir);
}

/** Loads, validates, watches and versions the playbook folder; serves `playbooks.*`. */
export const playbooksModule = () => {
  let catalog: PlaybookCatalog | undefined;
  return defineModule<PlaybooksConfig>({
    name: 'playbooks',
    configSchema: PlaybooksConfig,
    async start(ctx) {
      const dir = resolvePlaybookDir(ctx.config.dir);
      const git = new PlaybookGit(dir);
      if (ctx.config.initGit && (await git.ensureRepo())) ctx.log.info(`playbooks: initialised a git repository in ${dir}`);
      catalog = new PlaybookCatalog(dir, git, ctx.store, ctx.clock, ctx.log);
      await catalog.reload();
      registerPlaybookMethods(ctx.rpc, catalog, ctx.store, () => ctx.clock.now());
      if (ctx.config.watch) catalog.watch(ctx.config.debounceMs);
      let head = await git.head();
      const cat = catalog;
      ctx.scheduler.every('playbooks.git-poll', ctx.config.gitPollMs, async () => {
        const now = await git.head();
        if (now === head) return;
        head = now;
        await cat.reload();
      });
    },
    async stop() {
      await catalog?.close();
    },
  });
};
