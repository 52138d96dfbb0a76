import { defineModule } from '../module.js';
import { PlaybookCatalog } from './playbook-catalog.js';
import { PlaybookGit } from './playbook-git.js';
import { registerPlaybookMethods } from './playbook-methods.js';
import { PlaybooksConfig, resolvePlaybookDir } from './playbooks-config.js';

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
