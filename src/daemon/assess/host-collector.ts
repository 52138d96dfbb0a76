import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { hostname, release, version } from 'node:os';
import { join } from 'node:path';
import type { Fact } from './fact.js';

export interface HostCollectOptions {
  /** File-system root to read, `/` for this machine; tests point it at a fixture tree. */
  root: string;
  host?: string;
  kernel?: { release: string; version: string };
}

/** Directories whose world-writable entries let a local user plant code or config. */
const WATCHED_DIRS = ['etc', 'usr/bin', 'usr/sbin', 'usr/local/bin', 'usr/local/sbin', 'var/spool/cron', 'tmp', 'var/tmp'];
const MAX_ENTRIES_PER_DIR = 5000;

function read(root: string, path: string): string | undefined {
  const p = join(root, path);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

/** sshd takes the FIRST value of each keyword, drop-ins included before the rest of the main file. */
function sshdSettings(root: string): Record<string, string> | undefined {
  const main = read(root, 'etc/ssh/sshd_config');
  if (main === undefined) return undefined;
  const settings: Record<string, string> = {};
  const apply = (text: string) => {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const [key, ...rest] = line.split(/\s+/);
      if (!key) continue;
      if (key.toLowerCase() === 'match') return; // settings after Match apply to some users only
      if (key.toLowerCase() === 'include') {
        const dir = join(root, 'etc/ssh/sshd_config.d');
        if (existsSync(dir)) for (const f of readdirSync(dir).filter((n) => n.endsWith('.conf')).sort()) apply(readFileSync(join(dir, f), 'utf8'));
        continue;
      }
      settings[key.toLowerCase()] ??= rest.join(' ').toLowerCase();
    }
  };
  apply(main);
  return settings;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Debian writes `(2025-08-12)`, most others `Tue Aug 12 10:00:00 UTC 2025` into `uname -v`. */
export function kernelBuildDate(v: string): string | undefined {
  const iso = /\((\d{4}-\d{2}-\d{2})\)/.exec(v);
  if (iso) return iso[1];
  const m = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{1,2})\s+[\d:]+\s+(?:[A-Z]{2,5}\s+)?(\d{4})\b/.exec(v);
  return m ? new Date(Date.UTC(Number(m[3]), MONTHS.indexOf(m[1]!), Number(m[2]))).toISOString().slice(0, 10) : undefined;
}

/** Collects the host baseline from local files (sshd, accounts, password policy, permissions, kernel). */
export function collectHostFacts(opts: HostCollectOptions): Fact[] {
  const host = opts.host ?? hostname();
  const facts: Fact[] = [];
  const sshd = sshdSettings(opts.root);
  if (sshd) {
    facts.push({
      kind: 'sshd',
      origin: `${host}:/etc/ssh/sshd_config`,
      data: { host, permitRootLogin: sshd.permitrootlogin ?? 'prohibit-password', passwordAuthentication: sshd.passwordauthentication ?? 'yes', port: Number(sshd.port ?? 22) },
    });
  }
  const passwd = read(opts.root, 'etc/passwd');
  passwd?.split('\n').forEach((line, i) => {
    const f = line.split(':');
    if (f.length < 7) return;
    facts.push({ kind: 'account', origin: `${host}:/etc/passwd:${i + 1}`, data: { host, user: f[0], uid: Number(f[2]), shell: f[6] } });
  });
  const defs = read(opts.root, 'etc/login.defs');
  if (defs !== undefined) {
    const val = (k: string) => {
      const m = new RegExp(`^\\s*${k}\\s+(\\d+)`, 'm').exec(defs);
      return m ? Number(m[1]) : undefined;
    };
    const pwq = read(opts.root, 'etc/security/pwquality.conf');
    const minlen = pwq ? /^\s*minlen\s*=\s*(\d+)/m.exec(pwq)?.[1] : undefined;
    facts.push({ kind: 'password_policy', origin: `${host}:/etc/login.defs`, data: { host, maxDays: val('PASS_MAX_DAYS') ?? 99999, minLen: minlen ? Number(minlen) : (val('PASS_MIN_LEN') ?? 0) } });
  }
  for (const dir of WATCHED_DIRS) {
    const abs = join(opts.root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs).slice(0, MAX_ENTRIES_PER_DIR)) {
      const st = lstatSync(join(abs, name));
      if (st.isSymbolicLink() || (st.mode & 0o002) === 0) continue;
      facts.push({ kind: 'path', origin: `${host}:/${dir}/${name}`, data: { host, path: `/${dir}/${name}`, worldWritable: true, sticky: (st.mode & 0o1000) !== 0, directory: st.isDirectory() } });
    }
  }
  const k = opts.kernel ?? { release: release(), version: version() };
  facts.push({ kind: 'kernel', origin: `${host}:uname`, data: { host, release: k.release, buildDate: kernelBuildDate(k.version) } });
  return facts;
}
