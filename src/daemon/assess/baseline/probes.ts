/**
 * The fixed allowlist of read-only probes behind every host baseline: the local run, the SSH
 * collector and the shipped collector script all run exactly these, nothing else. Each one only
 * reads (files, `sysctl -a`, listings, package-manager simulations); none writes or restarts.
 * Shadow passwords leave the host as a status letter, never as a hash.
 */
export interface Probe {
  id: string;
  /** POSIX sh; stdout is the probe's output. */
  sh: string;
}

/** Prints each existing file after a `@@file PATH` line, so evidence can name file and line. */
const files = (globs: string) => `for f in ${globs}; do [ -f "$f" ] && [ -r "$f" ] && { echo "@@file $f"; cat "$f"; echo; }; done; true`;

/** Mode, owner and group of the files analysts check by name (CIS "permissions on ..."). */
export const SENSITIVE_FILES = [
  '/etc/passwd',
  '/etc/passwd-',
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/group',
  '/etc/group-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/ssh/sshd_config',
  '/etc/crontab',
  '/etc/cron.d',
  '/etc/cron.hourly',
  '/etc/cron.daily',
  '/etc/cron.weekly',
  '/etc/cron.monthly',
  '/etc/sudoers',
  '/boot/grub/grub.cfg',
  '/boot/grub2/grub.cfg',
  '/etc/issue',
  '/etc/issue.net',
  '/etc/motd',
  '/etc/hosts.allow',
  '/etc/hosts.deny',
  '/etc/security/opasswd',
  '/var/log',
  '/etc/docker/daemon.json',
  '/var/run/docker.sock',
  '/root',
  '/etc/at.allow',
  '/etc/cron.allow',
  '/usr/bin/gcc',
  '/usr/bin/cc',
  '/usr/bin/as',
  '/usr/bin/make',
  '/etc/rsyslog.conf',
  '/etc/audit/auditd.conf',
  '/etc/login.defs',
] as const;

/** Modules CIS and Lynis expect disabled when unused (file systems, storage, rare protocols). */
export const WATCHED_MODULES = ['cramfs', 'freevxfs', 'jffs2', 'hfs', 'hfsplus', 'squashfs', 'udf', 'usb-storage', 'firewire-core', 'firewire-ohci', 'dccp', 'sctp', 'rds', 'tipc'] as const;

/** Services whose state several checks read. */
export const WATCHED_UNITS = [
  'auditd',
  'rsyslog',
  'syslog-ng',
  'systemd-journald',
  'chrony',
  'chronyd',
  'systemd-timesyncd',
  'ntp',
  'ntpd',
  'cron',
  'crond',
  'ufw',
  'firewalld',
  'nftables',
  'docker',
  'fail2ban',
  'apparmor',
  'avahi-daemon',
  'cups',
  'rpcbind',
  'nfs-server',
  'smbd',
  'vsftpd',
  'telnet.socket',
  'snmpd',
  'slapd',
  'dovecot',
  'squid',
  'bind9',
  'named',
  'isc-dhcp-server',
  'xinetd',
  'aide.timer',
  'clamav-freshclam',
  'unattended-upgrades',
  'dnf-automatic.timer',
  'apt-daily-upgrade.timer',
  'debug-shell',
  'ctrl-alt-del.target',
  'rsh.socket',
] as const;

export const PROBES: readonly Probe[] = [
  { id: 'os-release', sh: 'cat /etc/os-release' },
  { id: 'uname', sh: 'uname -n; uname -r; uname -v' },
  { id: 'cmdline', sh: 'cat /proc/cmdline' },
  { id: 'boot', sh: 'ls -1 /boot' },
  { id: 'sshd-effective', sh: 'PATH="$PATH:/usr/sbin:/sbin"; sshd -T 2>/dev/null' },
  { id: 'sshd-config', sh: files('/etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf') },
  { id: 'passwd', sh: 'cat /etc/passwd' },
  // Status letter only: P password, L locked, E empty; then the ageing fields.
  { id: 'shadow', sh: `awk -F: '{s=substr($2,1,1); st=($2=="")?"E":((s=="!"||s=="*")?"L":"P"); print $1":"st":"$3":"$4":"$5":"$6":"$7}' /etc/shadow` },
  { id: 'group', sh: 'cat /etc/group' },
  { id: 'login-defs', sh: files('/etc/login.defs') },
  {
    id: 'pam',
    sh: files(
      '/etc/pam.d/common-password /etc/pam.d/common-auth /etc/pam.d/common-account /etc/pam.d/common-session /etc/pam.d/system-auth /etc/pam.d/password-auth /etc/pam.d/su /etc/pam.d/login /etc/pam.d/sshd',
    ),
  },
  { id: 'pwquality', sh: files('/etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf /etc/security/faillock.conf') },
  { id: 'limits', sh: files('/etc/security/limits.conf /etc/security/limits.d/*.conf /etc/systemd/coredump.conf') },
  { id: 'sudoers', sh: files('/etc/sudoers /etc/sudoers.d/*') },
  { id: 'sysctl', sh: 'PATH="$PATH:/usr/sbin:/sbin"; sysctl -a 2>/dev/null' },
  {
    id: 'modules',
    sh: `PATH="$PATH:/usr/sbin:/sbin"; command -v modprobe >/dev/null || exit 1; for m in ${WATCHED_MODULES.join(' ')}; do printf '%s|%s\\n' "$m" "$(modprobe -n -v "$m" 2>&1 | tail -n 1)"; done; echo "@@loaded"; cut -d' ' -f1 /proc/modules 2>/dev/null; true`,
  },
  { id: 'mounts', sh: 'cat /proc/mounts' },
  { id: 'perms', sh: `for f in ${SENSITIVE_FILES.join(' ')}; do [ -e "$f" ] && ls -ldnL "$f"; done; true` },
  // One pass over the root file system: world-writable files, world-writable dirs without the sticky bit, SUID/SGID, unowned.
  {
    id: 'find-root',
    sh: `find / -xdev \\( -path /proc -o -path /sys -o -path /dev -o -path /run \\) -prune -o \\( -type f \\( -perm -4000 -o -perm -2000 -o -perm -0002 \\) -o -type d -perm -0002 ! -perm -1000 -o -nouser -o -nogroup \\) -exec ls -ldn {} + 2>/dev/null | head -n 2000`,
  },
  {
    id: 'homes',
    sh: `awk -F: '$3>=1000 && $7 !~ /(nologin|false)$/ {print $6}' /etc/passwd | while read -r h; do [ -d "$h" ] && ls -ldn "$h" "$h/.rhosts" "$h/.netrc" "$h/.shosts" "$h/.forward" 2>/dev/null; done; true`,
  },
  { id: 'listen', sh: 'PATH="$PATH:/usr/sbin:/sbin"; ss -H -tuln 2>/dev/null || netstat -tuln 2>/dev/null' },
  {
    id: 'units',
    sh: `for u in ${WATCHED_UNITS.join(' ')}; do printf '%s %s %s\\n' "$u" "$(systemctl is-enabled "$u" 2>/dev/null || echo none)" "$(systemctl is-active "$u" 2>/dev/null || echo none)"; done`,
  },
  { id: 'packages', sh: `dpkg-query -W -f='\${db:Status-Abbrev} \${Package}\\n' 2>/dev/null | awk '$1=="ii"{print $2}' || rpm -qa --qf '%{NAME}\\n' 2>/dev/null || apk info 2>/dev/null` },
  {
    id: 'updates',
    sh: `if command -v apt-get >/dev/null 2>&1; then apt-get -s -o Debug::NoLocking=1 upgrade 2>/dev/null | grep '^Inst'; elif command -v dnf >/dev/null 2>&1; then dnf -q -C updateinfo list --updates 2>/dev/null; elif command -v yum >/dev/null 2>&1; then yum -q -C updateinfo list updates 2>/dev/null; fi; true`,
  },
  { id: 'apt-age', sh: 'date +%s; stat -c "%Y %n" /var/lib/apt/periodic/update-success-stamp /var/lib/apt/lists/partial /var/cache/dnf 2>/dev/null; true' },
  { id: 'audit', sh: `PATH="$PATH:/usr/sbin:/sbin"; ${files('/etc/audit/auditd.conf /etc/audit/rules.d/*.rules /etc/audit/audit.rules')}; echo "@@file auditctl"; auditctl -l 2>/dev/null; true` },
  { id: 'logging', sh: files('/etc/systemd/journald.conf /etc/systemd/journald.conf.d/*.conf /etc/rsyslog.conf /etc/rsyslog.d/*.conf /etc/logrotate.conf') },
  { id: 'time', sh: 'timedatectl show -p NTP -p NTPSynchronized 2>/dev/null; true' },
  {
    id: 'firewall',
    sh: 'PATH="$PATH:/usr/sbin:/sbin"; echo "@@iptables"; iptables -S 2>/dev/null; echo "@@nft"; nft list ruleset 2>/dev/null | grep -c "hook input"; echo "@@ufw"; ufw status 2>/dev/null | head -n 1; true',
  },
  { id: 'cron-access', sh: 'for f in /etc/cron.allow /etc/cron.deny /etc/at.allow /etc/at.deny; do [ -e "$f" ] && echo "$f"; done; true' },
  { id: 'docker', sh: `${files('/etc/docker/daemon.json')}; echo "@@file docker.service"; systemctl cat docker 2>/dev/null | grep '^ExecStart'; true` },
  { id: 'grub', sh: `grep -hE '^[[:space:]]*(set superusers|password_pbkdf2|password )' /boot/grub/grub.cfg /boot/grub2/grub.cfg /boot/grub2/user.cfg 2>/dev/null; true` },
  { id: 'banners', sh: files('/etc/issue /etc/issue.net /etc/motd') },
  { id: 'profile', sh: files('/etc/profile /etc/profile.d/*.sh /etc/bash.bashrc /etc/bashrc') },
  { id: 'resolv', sh: `${files('/etc/resolv.conf /etc/hosts')}; echo "@@file hostname"; hostname -f 2>/dev/null; true` },
  { id: 'hosts-access', sh: files('/etc/hosts.allow /etc/hosts.deny') },
  { id: 'interfaces', sh: 'ip -o link 2>/dev/null; ls -d /sys/class/net/*/wireless 2>/dev/null; true' },
  // Process names and states only (no arguments, which may hold secrets).
  { id: 'processes', sh: 'ps -e -o stat=,comm=' },
  { id: 'mac', sh: 'PATH="$PATH:/usr/sbin:/sbin"; echo "selinux $(getenforce 2>/dev/null || echo none)"; echo "apparmor $(cat /sys/module/apparmor/parameters/enabled 2>/dev/null || echo none)"' },
];

export const PROBE_IDS: ReadonlySet<string> = new Set(PROBES.map((p) => p.id));

/** The walk over the whole root file system: minutes on a big disk; `--quick` leaves it out. */
export const SLOW_PROBES = ['find-root'] as const;
