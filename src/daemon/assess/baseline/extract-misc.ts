import { probeFiles, probeText } from './bundle.js';
import { configLines, type FactBuilder } from './fact-builder.js';

/** Docker daemon settings; `installed: false` makes the container checks "not applicable". */
function extractDocker(b: FactBuilder): void {
  const files = probeFiles(b.bundle, 'docker');
  const pkgs = b.facts.find((f) => f.kind === 'packages')?.data.installed as Record<string, boolean> | undefined;
  if (!files || !pkgs) return;
  const installed = ['docker-ce', 'docker.io', 'docker_io', 'moby-engine', 'docker'].some((p) => pkgs[p]) || files.has('/etc/docker/daemon.json');
  let cfg: Record<string, unknown> = {};
  const json = files.get('/etc/docker/daemon.json');
  if (json?.trim()) {
    try {
      cfg = JSON.parse(json) as Record<string, unknown>;
    } catch {
      cfg = { unreadable: true };
    }
  }
  const exec = files.get('docker.service') ?? '';
  const hosts = [...(Array.isArray(cfg.hosts) ? (cfg.hosts as string[]) : []), ...[...exec.matchAll(/-H\s*=?\s*(\S+)/g)].map((m) => m[1]!)];
  b.add('docker', '/etc/docker/daemon.json', {
    installed,
    tcpWithoutTls: hosts.some((h) => h.startsWith('tcp://')) && cfg.tlsverify !== true && !/--tlsverify/.test(exec),
    icc: cfg.icc !== false,
    usernsRemap: typeof cfg['userns-remap'] === 'string' && cfg['userns-remap'] !== '',
    liveRestore: cfg['live-restore'] === true,
    noNewPrivileges: cfg['no-new-privileges'] === true,
    insecureRegistries: Array.isArray(cfg['insecure-registries']) ? (cfg['insecure-registries'] as unknown[]).length : 0,
  });
}

/** Login banners, shell time-outs and umask, name resolution, interfaces. */
function extractShellAndNetwork(b: FactBuilder): void {
  const banners = probeFiles(b.bundle, 'banners');
  if (banners) {
    const leaks = (t?: string) => t !== undefined && /\\[mrsv]|ubuntu|debian|centos|red hat|rocky|kernel/i.test(t);
    const issue = banners.get('/etc/issue');
    b.add('banner', '/etc/issue', {
      issueLeaksOs: leaks(issue),
      issueNetLeaksOs: leaks(banners.get('/etc/issue.net')),
      warningBanner: issue !== undefined && /authori[sz]ed|授权|monitor/i.test(issue),
    });
  }
  const profile = probeFiles(b.bundle, 'profile');
  if (profile) {
    const lines = [...profile.values()].flatMap((t) => configLines(t).map((l) => l.text));
    const tmout = lines.map((l) => /^(?:readonly\s+|export\s+|declare\s+-r\s+)?TMOUT=(\d+)/.exec(l)?.[1]).find((v) => v !== undefined);
    const umask = lines
      .map((l) => /^umask\s+(0?[0-7]{3})/.exec(l)?.[1])
      .filter((v) => v !== undefined)
      .at(-1);
    b.add('shell', '/etc/profile', { tmout: tmout === undefined ? 0 : Number(tmout), umask: umask ?? '022' });
  }
  const resolv = probeFiles(b.bundle, 'resolv');
  if (resolv?.has('/etc/resolv.conf')) {
    const conf = resolv.get('/etc/resolv.conf')!;
    const fqdn = (resolv.get('hostname') ?? '').trim();
    const short = fqdn.split('.')[0] ?? '';
    b.add('resolver', '/etc/resolv.conf', {
      nameservers: (conf.match(/^\s*nameserver\s+\S+/gm) ?? []).length,
      domain: /^\s*(domain|search)\s+\S+/m.test(conf) || fqdn.includes('.'),
      hostnameInHosts: short !== '' && new RegExp(`\\s${short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|\\.|$)`, 'm').test(resolv.get('/etc/hosts') ?? ''),
    });
  }
  const ifs = probeText(b.bundle, 'interfaces');
  if (ifs !== undefined) b.add('interfaces', 'ip -o link', { promiscuous: (ifs.match(/PROMISC/g) ?? []).length, wireless: (ifs.match(/\/wireless$/gm) ?? []).length });
}

/** Kernel message logging, zombies and processes stuck on I/O, from `ps -e -o stat=,comm=`. */
function extractProcesses(b: FactBuilder): void {
  const ps = probeText(b.bundle, 'processes');
  if (ps === undefined || ps.trim() === '') return;
  const rows = ps
    .split('\n')
    .map((l) => l.trim().split(/\s+/, 2))
    .filter((r) => r.length === 2) as [string, string][];
  const running = new Set(rows.map(([, comm]) => comm));
  b.add('processes', 'ps -e', {
    count: rows.length,
    zombies: rows.filter(([stat]) => stat.startsWith('Z')).length,
    ioWait: rows.filter(([stat]) => stat.startsWith('D')).length,
    // rsyslog, journald and metalog read kernel messages themselves; otherwise klogd must run
    kernelLogger: ['rsyslogd', 'systemd-journal', 'systemd-journald', 'metalog', 'klogd'].some((p) => running.has(p)),
  });
}

export function extractMisc(b: FactBuilder): void {
  extractProcesses(b);
  extractDocker(b);
  extractShellAndNetwork(b);
}
