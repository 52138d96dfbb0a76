import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `$XDG_STATE_HOME/socdeck`, falling back to `~/.local/state/socdeck` as the XDG spec says. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.length > 0 ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'socdeck');
}

export function resolveDataDir(flag: string | undefined): string {
  return resolve(flag ?? defaultDataDir());
}

export const DAEMON_INFO_FILE = 'daemon.json';
