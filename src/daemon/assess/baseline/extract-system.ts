import { probeFiles, probeText } from './bundle.js';
import { configLines, scalar, setPath, type FactBuilder } from './fact-builder.js';
import { WATCHED_MODULES } from './probes.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Debian writes `(2025-08-12)`, most others `Tue Aug 12 10:00:00 UTC 2025` into `uname -v`. */
export function kernelBuildDate(v: string): string | undefined {
  const iso = /\((\d{4}-\d{2}-\d{2})\)/.exec(v);
  if (iso) return iso[1];
  const m = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{1,2})\s+[\d:]+\s+(?:[A-Z]{2,5}\s+)?(\d{4})\b/.exec(v);
  return m ? new Date(Date.UTC(Number(m[3]), MONTHS.indexOf(m[1]!), Number(m[2]))).toISOString().slice(0, 10) : undefined;
}

/** Mount points the partitioning and mount-option checks name, as fact fields. */
const MOUNTS: Record<string, string> = { '/tmp': 'tmp', '/var': 'var', '/var/tmp': 'var_tmp', '/var/log': 'var_log', '/var/log/audit': 'var_log_audit', '/home': 'home', '/dev/shm': 'dev_shm' };

function extractKernel(b: FactBuilder): void {
  const uname = probeText(b.bundle, 'uname')?.split('\n');
  if (uname && uname.length >= 3) {
    const boot = probeText(b.bundle, 'boot');
    b.add('kernel', 'uname', { release: uname[1], buildDate: kernelBuildDate(uname[2]!), ...(boot === undefined ? {} : { vmlinuz: /^vmlinuz/m.test(boot) }) });
  }
  const sysctl = probeText(b.bundle, 'sysctl');
  if (sysctl !== undefined && sysctl.trim() !== '') {
    const data: Record<string, unknown> = {};
    for (const line of sysctl.split('\n')) {
      const m = /^([\w./-]+)\s*=\s*(.*)$/.exec(line);
      if (m) setPath(data, m[1]!.replace(/\//g, '.'), scalar(m[2]!.trim()));
    }
    b.add('sysctl', 'sysctl -a', data);
  }
  const mods = probeText(b.bundle, 'modules');
  if (mods !== undefined) {
    const [list = '', loaded = ''] = mods.split('@@loaded');
    const loadedSet = new Set(loaded.split('\n').map((l) => l.trim().replace(/-/g, '_')));
    for (const line of list.split('\n')) {
      const [name, answer = ''] = line.split('|');
      if (!name || !(WATCHED_MODULES as readonly string[]).includes(name)) continue;
      const state = loadedSet.has(name.replace(/-/g, '_'))
        ? 'loaded'
        : /^install\s+\/(usr\/)?bin\/(true|false)/.test(answer.trim()) || /blacklist/.test(answer)
          ? 'disabled'
          : /not found/i.test(answer)
            ? 'absent'
            : 'loadable';
      b.add('kmod', `modprobe -n -v ${name}`, { name, state });
    }
  }
  const limits = probeFiles(b.bundle, 'limits');
  if (limits) {
    const lines = [...limits.entries()].filter(([f]) => f.includes('limits')).flatMap(([, t]) => configLines(t).map((l) => l.text));
    const coredump = limits.get('/etc/systemd/coredump.conf');
    b.add('core_dumps', '/etc/security/limits.conf', {
      hardCoreZero: lines.some((l) => /^\*\s+hard\s+core\s+0\b/.test(l)),
      systemdStorage: (coredump && /^\s*Storage\s*=\s*(\w+)/m.exec(coredump)?.[1]?.toLowerCase()) || 'external',
    });
  }
}

function extractMounts(b: FactBuilder): void {
  const mounts = probeText(b.bundle, 'mounts');
  if (mounts === undefined) return;
  const data: Record<string, string> = {};
  for (const line of mounts.split('\n')) {
    const [, point, , opts] = line.split(/\s+/);
    const key = point ? MOUNTS[point] : undefined;
    if (key && opts) data[key] = opts;
  }
  b.add('mounts', '/proc/mounts', data);
}

function extractBoot(b: FactBuilder): void {
  const cmdline = probeText(b.bundle, 'cmdline');
  const grub = probeText(b.bundle, 'grub');
  if (cmdline === undefined && grub === undefined) return;
  b.add('boot', '/proc/cmdline', {
    ...(grub === undefined ? {} : { grubPassword: /password/.test(grub) }),
    ...(cmdline === undefined ? {} : { auditArg: /\baudit=1\b/.test(cmdline), cmdline: cmdline.trim() }),
  });
  const mac = probeText(b.bundle, 'mac');
  if (mac !== undefined) {
    const selinux = /^selinux (\S+)/m.exec(mac)?.[1]?.toLowerCase() ?? 'none';
    const apparmor = /^apparmor (\S+)/m.exec(mac)?.[1] ?? 'none';
    b.add('mac', 'getenforce / apparmor', { selinux, apparmor, enforcing: selinux === 'enforcing' || apparmor === 'Y' });
  }
}

export function extractSystem(b: FactBuilder): void {
  extractKernel(b);
  extractMounts(b);
  extractBoot(b);
}
