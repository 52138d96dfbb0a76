import { z } from 'zod';

/** A source's `sigma:` block: which rules, through which log-source mapping. */
export const SigmaSourceConfig = z
  .object({
    /** Rules folder (git-versioned, hot-reloaded); relative paths are from the package. */
    rules: z.string().min(1).default('config/sigma/rules'),
    /** Log-source mapping name (config/sigma/mappings/*.yaml): linux-auth, linux-auditd, web-access, windows-winlogbeat, windows-nxlog. */
    mapping: z.string().min(1),
    /** Extra mapping folders; a mapping there replaces a shipped one of the same name. */
    mappingDirs: z.array(z.string().min(1)).default([]),
    /** How long file changes settle before the rules are reloaded. */
    reloadDebounceMs: z.number().int().min(10).max(60_000).default(300),
    /**
     * Version the rules folder with git like playbooks: made a repository when it is in none, and
     * every change the daemon loads committed, so an alert's rules can be traced to a commit.
     * Commits are made only when the folder is its repository's top level (never into a bigger
     * repository the folder happens to sit in, such as a socdeck checkout).
     */
    git: z.boolean().default(false),
  })
  .strict();
export type SigmaSourceConfig = z.infer<typeof SigmaSourceConfig>;

/**
 * Spread into file, syslog and webhook sources: `detect: sigma` makes every raw line an event
 * for the rules instead of an alert record.
 */
export const sigmaSourceFields = {
  detect: z.enum(['alerts', 'sigma']).default('alerts'),
  sigma: SigmaSourceConfig.optional(),
};
