import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SocdeckClient } from '../../src/client/ws-client.js';
import type { DaemonInfo } from '../../src/daemon/daemon.js';
import { userTokens } from './user-tokens.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)');
}

export interface ChildDaemon {
  proc: ChildProcess;
  info: DaemonInfo;
  token: string;
  stderr(): string;
  connect(actor?: string): Promise<SocdeckClient>;
}

/** Writes a config that turns the demo off, merged with `extra` YAML. */
export function writeTestConfig(dir: string, extra = ''): string {
  const file = join(dir, 'test-config.yaml');
  writeFileSync(file, `demo:\n  enabled: false\n${extra}`);
  return file;
}

/** Spawns `socdeck daemon` as a real child process and waits until it has written daemon.json. */
export async function spawnDaemon(dataDir: string, config: string, opts: { startTimeoutMs?: number } = {}): Promise<ChildDaemon> {
  const proc = spawn(process.execPath, [CLI, 'daemon', '--data-dir', dataDir, '--port', '0', '--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const infoFile = join(dataDir, 'daemon.json');
  const rounds = Math.ceil((opts.startTimeoutMs ?? 15_000) / 50);
  for (let i = 0; i < rounds; i++) {
    if (proc.exitCode !== null) throw new Error(`daemon exited with ${proc.exitCode}: ${err}`);
    if (existsSync(infoFile)) {
      try {
        const info = JSON.parse(readFileSync(infoFile, 'utf8')) as DaemonInfo;
        if (info.pid === proc.pid) {
          const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
          const url = `ws://127.0.0.1:${info.port}/`;
          const tokenFor = userTokens(async (u) => {
            const admin = new SocdeckClient({ url, token, client: 'test', reconnect: false });
            await admin.connect();
            try {
              // A restarted child keeps its users: the same name gets a fresh token instead.
              return await admin
                .request('users.add', { ...u, customers: u.customers === 'all' ? 'all' : [...u.customers] })
                .catch((e: { code?: string }) => (e.code === 'conflict' ? admin.request('users.rotate', { name: u.name }) : Promise.reject(e)));
            } finally {
              admin.close();
            }
          });
          return {
            proc,
            info,
            token,
            stderr: () => err,
            async connect(actor = 'tester') {
              const c = new SocdeckClient({ url, token: await tokenFor(actor), client: 'test', actor });
              await c.connect();
              return c;
            },
          };
        }
      } catch {
        // daemon.json is being written; read it again
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill('SIGKILL');
  throw new Error(`daemon did not start within ${rounds * 50} ms: ${err}`);
}

export function waitExit(proc: ChildProcess): Promise<number | null> {
  return proc.exitCode !== null ? Promise.resolve(proc.exitCode) : new Promise((r) => proc.once('exit', (code) => r(code)));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a fresh node and returns its exit code and output (never throws on a non-zero exit). */
export function runCli(args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...opts.env };
    execFile(process.execPath, [CLI, ...args], { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8', env }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
