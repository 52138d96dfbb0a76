import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { SocdeckClient } from '../client/ws-client.js';
import type { DaemonInfo } from '../daemon/daemon.js';
import { DAEMON_INFO_FILE, resolveDataDir } from '../daemon/paths.js';
import { displaySafe } from '../shared/display-safe.js';
import { SocdeckError } from '../shared/errors.js';
import { readTokenFile, tokenFileFor } from './token-file.js';

export interface GlobalArgs {
  'data-dir'?: string;
  'token-file'?: string;
  config?: string;
  json?: boolean;
}

export function globalOptions<T>(y: Argv<T>) {
  return y
    .option('data-dir', { type: 'string', describe: 'State folder (default $XDG_STATE_HOME/socdeck)', global: true })
    .option('config', { type: 'string', describe: 'YAML config merged over config/default.yaml', global: true })
    .option('token-file', { type: 'string', describe: "Your token (else $SOCDECK_TOKEN_FILE, your state dir's user-token, the data dir's admin token)", global: true });
}

export function jsonOption<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'Machine-readable JSON on stdout' });
}

export interface FoundDaemon {
  info: DaemonInfo;
  token: string;
  url: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads daemon.json and the caller's token (see tokenFileFor); undefined when no live daemon owns the data dir. */
export function findDaemon(dataDirFlag: string | undefined, tokenFileFlag?: string): FoundDaemon | undefined {
  const dir = resolveDataDir(dataDirFlag);
  const infoFile = join(dir, DAEMON_INFO_FILE);
  if (!existsSync(infoFile)) return undefined;
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as DaemonInfo;
  if (!pidAlive(info.pid)) return undefined;
  const token = readTokenFile(tokenFileFor(dir, tokenFileFlag));
  const host = info.host.includes(':') ? `[${info.host}]` : info.host;
  return { info, token, url: `ws://${host}:${info.port}/` };
}

/** Runs fn with a connected client to the data dir's daemon, failing clearly when none runs. */
export async function withClient<T>(args: GlobalArgs, fn: (c: SocdeckClient) => Promise<T>): Promise<T> {
  const found = findDaemon(args['data-dir'], args['token-file']);
  if (!found) {
    throw new SocdeckError('not_found', `no socdeck daemon is running for ${resolveDataDir(args['data-dir'])} (start one with \`socdeck daemon\`)`);
  }
  // Loaded here, not at the top: file-only commands never need the WebSocket client.
  const { currentActor, SocdeckClient: Client } = await import('../client/ws-client.js');
  const client = new Client({ url: found.url, token: found.token, client: 'socdeck-cli', actor: currentActor(), reconnect: false });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

export function printJson(v: unknown): void {
  process.stdout.write(JSON.stringify(v, null, 2) + '\n');
}

/**
 * Human-readable output: every control and bidi override in it is shown as a visible escape,
 * since alert fields are attacker-controlled. JSON output goes through printJson, exact.
 */
export function printText(text: string, stream: NodeJS.WritableStream = process.stdout): void {
  stream.write(displaySafe(text, { keepLayout: true }));
}
