import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SocdeckError } from '../../../shared/errors.js';
import type { Bundle, ProbeOutput } from './bundle.js';
import { PROBES, PROBE_IDS } from './probes.js';

export interface SshHost {
  /** Name used in evidence (the inventory asset name, else the address). */
  name: string;
  host: string;
  port?: number;
  user?: string;
  identityFile?: string;
  knownHostsFile?: string;
}

export interface SshCollectOptions {
  connectTimeoutMs?: number;
  /** Per probe; a probe over it is "not collected" on that host, the others still run. */
  probeTimeoutMs?: number;
  /** Probes in flight on one host's master connection (sshd's MaxSessions is 10 by default). */
  sessionsPerHost?: number;
  /** Probe ids left out (the slow file-system walk with `--quick`). */
  skip?: readonly string[];
  signal?: AbortSignal;
}

const MAX_PROBE_OUTPUT = 32 * 1024 * 1024;

function sh1(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function run(args: string[], timeoutMs: number, signal?: AbortSignal): Promise<{ code: number; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile('ssh', args, { timeout: timeoutMs, maxBuffer: MAX_PROBE_OUTPUT, encoding: 'utf8', ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 255) : 0, stdout, stderr, timedOut: e?.killed === true });
    });
  });
}

/**
 * Collects one host's baseline over the system `ssh` client: BatchMode (keys and agent only, never
 * a password prompt), one ControlMaster connection per host that every probe reuses, and only the
 * allowlisted read-only probes, each under its own time-out.
 */
export class SshCollector {
  private readonly dir = mkdtempSync(join(tmpdir(), 'socdeck-ssh-'));
  private readonly controlPath: string;
  constructor(
    private readonly target: SshHost,
    private readonly opts: SshCollectOptions = {},
  ) {
    if (target.host.startsWith('-') || target.user?.startsWith('-')) throw new SocdeckError('invalid_params', `ssh target ${target.host}: host and user may not start with "-"`);
    this.controlPath = join(this.dir, 'cm');
  }

  private base(): string[] {
    const t = this.target;
    return [
      '-o',
      'BatchMode=yes',
      '-o',
      `ConnectTimeout=${Math.ceil((this.opts.connectTimeoutMs ?? 15_000) / 1000)}`,
      '-o',
      `ControlPath=${this.controlPath}`,
      '-p',
      String(t.port ?? 22),
      ...(t.identityFile ? ['-i', t.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
      ...(t.knownHostsFile ? ['-o', `UserKnownHostsFile=${t.knownHostsFile}`] : []),
    ];
  }

  private dest(): string {
    return this.target.user ? `${this.target.user}@${this.target.host}` : this.target.host;
  }

  /** Opens the master connection (authenticates once); probes ride on it. */
  async open(): Promise<void> {
    const r = await run([...this.base(), '-o', 'ControlMaster=yes', '-o', 'ControlPersist=yes', '-N', '-f', '--', this.dest()], (this.opts.connectTimeoutMs ?? 15_000) + 5_000, this.opts.signal);
    if (r.code !== 0) {
      this.cleanup();
      throw new SocdeckError('internal', `ssh ${this.target.name}: ${r.stderr.trim().split('\n').slice(-1)[0] || `exit ${r.code}`}`);
    }
  }

  /** Runs one allowlisted probe by id; anything else is refused before it reaches ssh. */
  async probe(id: string): Promise<ProbeOutput> {
    const p = PROBES.find((x) => x.id === id);
    if (!p || !PROBE_IDS.has(id)) throw new SocdeckError('invalid_params', `probe "${id}" is not on the read-only allowlist`);
    const r = await run([...this.base(), '-o', 'ControlMaster=no', '--', this.dest(), `LC_ALL=C sh -c ${sh1(p.sh)}`], this.opts.probeTimeoutMs ?? 120_000, this.opts.signal);
    // 255 is ssh's own failure (connection lost): the probe did not run, so it is not collected.
    return { rc: r.timedOut ? 124 : r.code, text: r.stdout.replace(/\n$/, '') };
  }

  async close(): Promise<void> {
    await run([...this.base(), '-O', 'exit', '--', this.dest()], 10_000);
    this.cleanup();
  }

  private cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Every probe, a few at a time on the one connection; the bundle the collector script would give. */
  async collect(): Promise<Bundle> {
    await this.open();
    try {
      const probes = new Map<string, ProbeOutput>();
      const wanted = PROBES.filter((p) => !this.opts.skip?.includes(p.id));
      const queue = [...wanted];
      const worker = async () => {
        for (let p = queue.shift(); p; p = queue.shift()) probes.set(p.id, await this.probe(p.id));
      };
      await Promise.all(Array.from({ length: this.opts.sessionsPerHost ?? 4 }, worker));
      const name = probes.get('uname')?.text.split('\n')[0];
      return { host: this.target.name || name || this.target.host, source: `ssh:${this.target.name}`, probes: new Map(wanted.map((p) => [p.id, probes.get(p.id)!])) };
    } finally {
      await this.close();
    }
  }
}

/** Many hosts, at most `cap` at once; a host that fails is reported, the others still count. */
export async function collectOverSsh(targets: SshHost[], cap: number, opts: SshCollectOptions = {}): Promise<{ bundles: Bundle[]; failures: { host: string; message: string }[] }> {
  const bundles: Bundle[] = [];
  const failures: { host: string; message: string }[] = [];
  const queue = [...targets];
  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      try {
        bundles.push(await new SshCollector(t, opts).collect());
      } catch (err) {
        failures.push({ host: t.name, message: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, cap) }, worker));
  return { bundles, failures };
}
