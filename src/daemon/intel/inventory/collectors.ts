import { execFile } from 'node:child_process';
import { SocdeckError } from '../../../shared/errors.js';
import { COLLECT_SCRIPT, parseCollectOutput, type CollectedInventory } from './package-lists.js';

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

function run(cmd: string, args: string[], timeoutMs: number, what: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      if (err) reject(new SocdeckError('internal', `${what}: ${stderr.trim().split('\n').slice(-1)[0] || err.message}`));
      else resolve(stdout);
    });
  });
}

/** This machine's packages through the same read-only script the SSH collector runs. */
export async function collectLocal(timeoutMs = 60_000, signal?: AbortSignal): Promise<CollectedInventory> {
  return parseCollectOutput(await run('sh', ['-c', COLLECT_SCRIPT], timeoutMs, 'local inventory', signal));
}

export interface SshTarget {
  host: string;
  user?: string;
  port: number;
  identityFile?: string;
}

/**
 * The ssh argument list: the system client with the analyst's keys and known_hosts, never a
 * password prompt (BatchMode), and the read-only script as the remote command.
 */
export function sshArgs(t: SshTarget): string[] {
  return ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15', '-p', String(t.port), ...(t.identityFile ? ['-i', t.identityFile] : []), '--', t.user ? `${t.user}@${t.host}` : t.host, COLLECT_SCRIPT];
}

export async function collectSsh(t: SshTarget, timeoutMs: number, signal?: AbortSignal): Promise<CollectedInventory> {
  if (t.host.startsWith('-') || t.user?.startsWith('-')) throw new SocdeckError('invalid_params', `ssh target ${t.host}: host and user may not start with "-"`);
  return parseCollectOutput(await run('ssh', sshArgs(t), timeoutMs, `ssh inventory of ${t.host}`, signal));
}
