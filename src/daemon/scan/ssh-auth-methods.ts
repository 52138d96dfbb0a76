import { spawn } from 'node:child_process';

/** stderr kept from the client: the answer is one line, and a hostile server cannot grow our memory. */
const STDERR_CAP = 8 * 1024;
/** The login name the probe offers: sshd logs it, so the target's admins can tell who knocked. */
export const PROBE_USER = 'socdeck-probe';

export type AuthMethodsAnswer = { methods: string[] } | { reason: string };

/**
 * Client options: no config files (a user's ~/.ssh/config could add a ProxyCommand or point
 * the name elsewhere), no prompts, no keys, no agent, no known_hosts writes, no session, and
 * only the `none` method, whose failure answer lists what the server would accept.
 */
function clientArgs(host: string, port: number, connectTimeoutS: number): string[] {
  const opts = {
    BatchMode: 'yes',
    PreferredAuthentications: 'none',
    StrictHostKeyChecking: 'no',
    UserKnownHostsFile: '/dev/null',
    GlobalKnownHostsFile: '/dev/null',
    CheckHostIP: 'no',
    UpdateHostKeys: 'no',
    IdentitiesOnly: 'yes',
    IdentityAgent: 'none',
    ControlMaster: 'no',
    ControlPath: 'none',
    ProxyCommand: 'none',
    ForwardAgent: 'no',
    ForwardX11: 'no',
    ClearAllForwardings: 'yes',
    ConnectTimeout: String(connectTimeoutS),
    ConnectionAttempts: '1',
    LogLevel: 'ERROR',
  } as const;
  return ['-F', '/dev/null', ...Object.entries(opts).flatMap(([k, v]) => ['-o', `${k}=${v}`]), '-N', '-T', '-p', String(port), '-l', PROBE_USER, '--', host];
}

/** `probe@host: Permission denied (publickey,password).` → the methods; anything else → why not. */
export function parseAuthFailure(stderr: string): AuthMethodsAnswer {
  const m = /Permission denied \(([\w@.,-]+)\)/.exec(stderr);
  if (m) return { methods: m[1]!.split(',').filter(Boolean) };
  const first = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return { reason: first ? `ssh gave no method list: ${first.slice(0, 160)}` : 'ssh gave no method list' };
}

/**
 * The authentication methods an SSH server offers, asked with the OpenSSH client (the list
 * only comes after key exchange, which we do not reimplement). The client runs without a
 * shell, is killed at the deadline, and never gets a terminal to prompt on.
 */
export function sshAuthMethods(sshPath: string, host: string, port: number, timeoutMs: number): Promise<AuthMethodsAnswer> {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const done = (a: AuthMethodsAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(a);
    };
    // Connect plus key exchange plus one auth round trip: the TCP connect alone gets timeoutMs.
    const child = spawn(sshPath, clientArgs(host, port, Math.max(1, Math.ceil(timeoutMs / 1000))), {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' },
    });
    const timer = setTimeout(() => done({ reason: `ssh did not finish within ${2 * timeoutMs} ms` }), 2 * timeoutMs);
    child.stderr.setEncoding('latin1');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < STDERR_CAP) stderr += d.slice(0, STDERR_CAP - stderr.length);
    });
    child.once('error', (err) => done({ reason: `ssh could not start: ${err.message}` }));
    child.once('close', () => done(parseAuthFailure(stderr)));
  });
}
