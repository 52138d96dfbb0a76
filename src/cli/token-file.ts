import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../daemon/paths.js';
import { SocdeckError } from '../shared/errors.js';

/** An analyst's own token, in their own state dir (`socdeck users add --token-file` can put it there). */
export function ownTokenFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), 'user-token');
}

/**
 * Where the CLI and TUI find their token: `$SOCDECK_TOKEN_FILE`, else `--token-file`, else the
 * user's own token file, else (for the daemon's own OS user) the admin token in the data dir.
 */
export function tokenFileFor(dataDir: string, flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOCDECK_TOKEN_FILE) return env.SOCDECK_TOKEN_FILE;
  if (flag) return flag;
  const own = ownTokenFile(env);
  return existsSync(own) ? own : join(dataDir, 'token');
}

export function readTokenFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new SocdeckError('unauthorized', `cannot read the token file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)} (set $SOCDECK_TOKEN_FILE or --token-file to yours)`);
  }
}

/**
 * Writes a token readable by its user alone: mode 0600 and, when run as root, owned by the OS
 * user of the same name (if there is one). Returns a note about ownership, or undefined.
 */
export function writeTokenFile(file: string, token: string, osUser: string): string | undefined {
  writeFileSync(file, token + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  if (process.getuid?.() !== 0) return undefined;
  const ids = osIds(osUser);
  if (!ids) return `no OS user ${osUser}: ${file} stays owned by root`;
  chownSync(file, ids.uid, ids.gid);
  return undefined;
}

function osIds(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}
