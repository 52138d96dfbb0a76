import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../config.js';

// Apart from the module so `socdeck playbooks lint` can find the folder without loading git.
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
