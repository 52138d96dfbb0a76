import { probeFiles, probeText } from './bundle.js';
import { configLines, type FactBuilder } from './fact-builder.js';

const LOOPBACK = /^(127\.|::1$|\[::1\]|localhost)/;

function extractListen(b: FactBuilder): void {
  const text = probeText(b.bundle, 'listen');
  if (text === undefined) return;
  b.markCollected('listening_port');
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    // ss -H -tuln: proto state recv send local peer; netstat -tuln: proto recv send local foreign [state]
    const proto = f[0]?.replace(/\d$/, '');
    const local = f[0] === 'tcp' || f[0] === 'udp' ? f[4] : f[3];
    if ((proto !== 'tcp' && proto !== 'udp') || !local) continue;
    const at = local.lastIndexOf(':');
    const address = local.slice(0, at).replace(/%\w+$/, '');
    const port = Number(local.slice(at + 1));
    if (!Number.isInteger(port)) continue;
    b.add('listening_port', `${proto}/${port}`, { proto, address, port, public: !LOOPBACK.test(address) });
  }
}

function extractUnitsAndPackages(b: FactBuilder): void {
  const units = probeText(b.bundle, 'units');
  if (units !== undefined) {
    for (const line of units.split('\n')) {
      const [name, enabled, active] = line.trim().split(/\s+/);
      if (name && enabled && active) b.add('unit', `systemctl ${name}`, { name, enabled, active: active === 'active' });
    }
  }
  const pkgs = probeText(b.bundle, 'packages');
  if (pkgs === undefined || pkgs.trim() === '') return;
  const installed: Record<string, boolean> = {};
  for (const p of pkgs.split('\n')) if (p.trim()) installed[p.trim().replace(/\./g, '_')] = true;
  const manager = guessManager(pkgs, b);
  b.add('packages', 'package list', { manager, count: Object.keys(installed).length, installed });
  const updates = probeText(b.bundle, 'updates');
  if (updates === undefined) return;
  const lines = updates.split('\n').filter((l) => l.trim() !== '');
  const inst = lines.filter((l) => l.startsWith('Inst '));
  const pending = manager === 'apt' ? inst.length : lines.length;
  const security = manager === 'apt' ? inst.filter((l) => /securi/i.test(l)).length : lines.filter((l) => /\bsec\b|security|important|critical/i.test(l)).length;
  const age = probeText(b.bundle, 'apt-age')?.split('\n') ?? [];
  const now = Number(age[0]);
  const stamps = age
    .slice(1)
    .map((l) => Number(l.split(' ')[0]))
    .filter((n) => n > 0);
  const auto = installed['unattended-upgrades'] === true || installed['dnf-automatic'] === true || installed['yum-cron'] === true;
  b.add('updates', manager === 'apt' ? 'apt-get -s upgrade' : 'updateinfo list', {
    manager,
    pending,
    pendingSecurity: security,
    autoUpdates: auto,
    ...(stamps.length && now ? { listsAgeDays: Math.floor((now - Math.max(...stamps)) / 86_400) } : {}),
    sample: inst
      .slice(0, 5)
      .map((l) => l.split(' ')[1])
      .join(', '),
  });
}

function guessManager(pkgs: string, b: FactBuilder): string {
  const os = probeText(b.bundle, 'os-release') ?? '';
  if (/ID(_LIKE)?=.*(debian|ubuntu)/.test(os) || /^(dpkg|apt)$/m.test(pkgs)) return 'apt';
  if (/ID(_LIKE)?=.*(rhel|centos|fedora|rocky|almalinux|tencentos|opencloudos)/.test(os) || /^rpm$/m.test(pkgs)) return 'rpm';
  return /ID=alpine/.test(os) ? 'apk' : 'unknown';
}

function extractLogging(b: FactBuilder): void {
  const files = probeFiles(b.bundle, 'logging');
  if (!files) return;
  const journald = [...files.entries()]
    .filter(([f]) => f.includes('journald'))
    .map(([, t]) => t)
    .join('\n');
  const rsyslog = [...files.entries()]
    .filter(([f]) => f.includes('rsyslog'))
    .flatMap(([, t]) => configLines(t).map((l) => l.text))
    .join('\n');
  const get = (re: RegExp) => re.exec(journald)?.[1]?.toLowerCase();
  const unit = (n: string) => b.facts.find((f) => f.kind === 'unit' && f.data.name === n)?.data;
  b.add('logging', '/etc/rsyslog.conf', {
    journaldStorage: get(/^\s*Storage\s*=\s*(\w+)/m) ?? 'auto',
    journaldCompress: get(/^\s*Compress\s*=\s*(\w+)/m) ?? 'yes',
    syslogActive: unit('rsyslog')?.active === true || unit('syslog-ng')?.active === true,
    remote: /(^|\s)@@?[\w.[\]-]+|omfwd|omrelp/m.test(rsyslog),
    ...(rsyslog ? { fileCreateMode: /\$FileCreateMode\s+(\d+)/.exec(rsyslog)?.[1] ?? '0644' } : {}),
    logrotate: files.has('/etc/logrotate.conf'),
  });
}

function extractAudit(b: FactBuilder): void {
  const files = probeFiles(b.bundle, 'audit');
  const pkgs = b.facts.find((f) => f.kind === 'packages')?.data.installed as Record<string, boolean> | undefined;
  if (!files || !pkgs) return;
  const rules = [...files.entries()]
    .filter(([f]) => f.endsWith('.rules') || f === 'auditctl')
    .map(([, t]) => t)
    .join('\n');
  const conf = files.get('/etc/audit/auditd.conf') ?? '';
  const has = (re: RegExp) => re.test(rules);
  const unit = b.facts.find((f) => f.kind === 'unit' && f.data.name === 'auditd')?.data;
  b.add('audit', '/etc/audit', {
    installed: pkgs.auditd === true || pkgs.audit === true,
    active: unit?.active === true,
    ruleCount: rules.split('\n').filter((l) => /^-[awA]/.test(l.trim())).length,
    identity: has(/\/etc\/(passwd|shadow)/),
    sudoers: has(/\/etc\/sudoers/),
    timeChange: has(/adjtimex|settimeofday|clock_settime/),
    logins: has(/\/var\/log\/(lastlog|faillog|wtmp)|\/var\/run\/faillock/),
    modules: has(/init_module|finit_module|delete_module/),
    mounts: has(/-S mount\b/),
    immutable: has(/^-e\s+2/m),
    maxLogFileAction: /^\s*max_log_file_action\s*=\s*(\w+)/m.exec(conf)?.[1]?.toLowerCase() ?? 'rotate',
  });
}

function extractTimeCronFirewall(b: FactBuilder): void {
  const unit = (n: string) => b.facts.find((f) => f.kind === 'unit' && f.data.name === n)?.data;
  const units = b.facts.some((f) => f.kind === 'unit');
  const time = probeText(b.bundle, 'time');
  if (units) {
    const daemon = ['chrony', 'chronyd', 'systemd-timesyncd', 'ntp', 'ntpd'].find((n) => unit(n)?.active === true);
    const synced = time === undefined ? undefined : /NTPSynchronized=(yes|no)/.exec(time)?.[1];
    b.add('time_sync', 'systemctl / timedatectl', { daemon: daemon ?? 'none', ...(synced ? { synchronized: synced === 'yes' } : {}) });
  }
  const cron = probeText(b.bundle, 'cron-access');
  if (cron !== undefined)
    b.add('cron', '/etc/cron.allow', {
      cronAllow: cron.includes('/etc/cron.allow'),
      atAllow: cron.includes('/etc/at.allow'),
      cronActive: unit('cron')?.active === true || unit('crond')?.active === true,
    });
  const fw = probeText(b.bundle, 'firewall');
  if (fw === undefined) return;
  const part = (name: string) => fw.split(`@@${name}`)[1]?.split('@@')[0] ?? '';
  const ipt = part('iptables').split('\n');
  const iptRules = ipt.filter((l) => l.startsWith('-A ')).length;
  const inputPolicy = /^-P INPUT (\w+)/m.exec(part('iptables'))?.[1] ?? 'none';
  const nftInput = Number(part('nft').trim() || 0);
  const ufw = /Status: active/.test(part('ufw'));
  const firewalld = unit('firewalld')?.active === true;
  b.add('firewall', 'iptables -S / nft / ufw', { active: iptRules > 0 || inputPolicy === 'DROP' || nftInput > 0 || ufw || firewalld, inputPolicy, iptRules, nftInput, ufw, firewalld });
}

export function extractServices(b: FactBuilder): void {
  extractListen(b);
  extractUnitsAndPackages(b);
  extractLogging(b);
  extractAudit(b);
  extractTimeCronFirewall(b);
}
