import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findExecutable } from '../../../src/daemon/scan/executable.js';
import { tempDir } from '../../support/daemon.js';

export const hasBinary = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** A real redis-server without a password on a free loopback port. */
export async function startRedis(): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    port,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

/** A small web server that exposes `.git/HEAD`, the way a careless deploy of a checkout does. */
export function gitLeakingServer(): { listen(port?: number): Promise<number>; close(): Promise<void> } {
  let srv: Server | undefined;
  return {
    async listen(port = 0) {
      srv = createHttpServer((req, res) => {
        if (req.url === '/.git/HEAD') res.writeHead(200, { 'content-type': 'text/plain' }).end('ref: refs/heads/main\n');
        else res.writeHead(200, { 'content-type': 'text/html', server: 'demo-httpd/1.2.3' }).end('<html><head><title>shop</title></head></html>');
      });
      await new Promise<void>((r) => srv!.listen(port, '127.0.0.1', r));
      return (srv.address() as AddressInfo).port;
    },
    close: () =>
      new Promise<void>((r) => {
        if (!srv) return r();
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}

/** sshd lives in an sbin directory, which a non-root PATH (and `command -v`) often lacks. */
export const sshdPath = () => findExecutable('sshd', ['/usr/sbin', '/usr/local/sbin']);

/**
 * A real OpenSSH server as a child (`-D -e`) on a free loopback port, with a throwaway host key
 * and config: no PAM, password and keyboard-interactive logins both on or both off.
 */
/** `authorizedKeys`: a file of keys that may log in (as the user running the tests); sshd's log is kept for assertions. */
export async function startSshd(opts: { passwordAuth: boolean; port?: number; authorizedKeys?: string }): Promise<{ port: number; hostKey: string; log(): string; stop(): Promise<void> }> {
  const sshd = sshdPath();
  if (!sshd) throw new Error('sshd not found: apt-get install openssh-server');
  const dir = tempDir('socdeck-sshd-');
  const key = join(dir, 'host_ed25519');
  const gen = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'socdeck-test', '-f', key], { stdio: 'ignore' });
  if (gen.status !== 0) throw new Error('ssh-keygen failed');
  // Run as root, sshd insists on its privilege-separation directory.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = opts.port ?? (await freePort());
  const yesNo = opts.passwordAuth ? 'yes' : 'no';
  const config = join(dir, 'sshd_config');
  // MaxStartups: other tests connect to every loopback port; sshd must not drop our probe among them.
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `Port ${port}`,
      `HostKey ${key}`,
      'PidFile none',
      'UsePAM no',
      `PasswordAuthentication ${yesNo}`,
      `KbdInteractiveAuthentication ${yesNo}`,
      opts.authorizedKeys ? `AuthorizedKeysFile ${opts.authorizedKeys}` : 'AuthorizedKeysFile none',
      ...(opts.authorizedKeys ? ['StrictModes no'] : []),
      'MaxStartups 100',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  for (let i = 0; i < 200 && child.exitCode === null && !log.includes('Server listening'); i++) await new Promise((r) => setTimeout(r, 50));
  if (!log.includes('Server listening')) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`sshd did not start: ${log.trim()}`);
  }
  return {
    port,
    hostKey: readFileSync(`${key}.pub`, 'utf8').trim(),
    log: () => log,
    stop: () =>
      new Promise<void>((r) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          r();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
