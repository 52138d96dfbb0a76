/**
 * Sigma throughput: raw log lines through decode + the shipped rules (all 24: Linux syslog/auth,
 * auditd and web), against decoding the same lines alone in the same run. The corpus is generated:
 * mostly ordinary traffic (sshd logins and failures, sudo, cron, auditd records of everyday
 * commands, web requests from browsers), with the attack samples of test/fixtures/sigma mixed in
 * at about one line in fifty, so rules both match and, far more often, reject. Each line goes to
 * the detector of its own log-source mapping, as a source with that mapping would. Three rounds,
 * alternating; the median round is printed.
 *
 *   node --import tsx test/bench/sigma.bench.ts [lines]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSigmaDir } from '../../src/daemon/sigma/lint-sigma-dir.js';
import { loadLogMappings } from '../../src/daemon/sigma/log-mapping.js';
import { SigmaDetector } from '../../src/daemon/sigma/sigma-detector.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LINES = Number(process.argv[2] ?? 200_000);
const ROUNDS = 3;

const fixture = (name: string) =>
  readFileSync(join(ROOT, 'test', 'fixtures', 'sigma', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

const USERS = ['alice', 'bob', 'deploy', 'root', 'git', 'backup'];
const PATHS = ['/', '/index.html', '/static/app.js', '/api/v1/items?page=2', '/login', '/img/logo.png', '/docs/guide.html'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'curl/8.5.0',
];
const COMMANDS = ['ls', 'cat', 'grep', 'systemctl', 'python3'];

function authLine(i: number): string {
  const host = `web-${i % 40}`;
  const ip = `203.0.113.${i % 200}`;
  const t = `Dec  8 ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
  switch (i % 4) {
    case 0:
      return `${t} ${host} sshd[${1000 + (i % 9000)}]: Accepted publickey for ${pick(USERS, i)} from ${ip} port ${40000 + (i % 20000)} ssh2: ED25519 SHA256:abc${i % 97}`;
    case 1:
      return `${t} ${host} sshd[${1000 + (i % 9000)}]: Failed password for ${pick(USERS, i)} from ${ip} port ${40000 + (i % 20000)} ssh2`;
    case 2:
      return `${t} ${host} sudo:   ${pick(USERS, i)} : TTY=pts/0 ; PWD=/home/${pick(USERS, i)} ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`;
    default:
      return `${t} ${host} CRON[${2000 + (i % 9000)}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`;
  }
}

function auditLine(i: number): string {
  const id = `${1733600000 + i}.${i % 1000}:${i}`;
  return i % 2 === 0
    ? `type=SYSCALL msg=audit(${id}): arch=c000003e syscall=59 success=yes exit=0 a0=55 a1=7f a2=55 a3=0 items=2 ppid=${i % 5000} pid=${i % 7000} auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm="${pick(COMMANDS, i)}" exe="/usr/bin/${pick(COMMANDS, i)}" key="exec"`
    : `type=EXECVE msg=audit(${id}): argc=2 a0="${pick(COMMANDS, i)}" a1="/var/log/app-${i % 13}.log"`;
}

function webLine(i: number): string {
  return `198.51.100.${i % 250} - - [08/Dec/2026:03:${String(i % 60).padStart(2, '0')}:00 +0000] "GET ${pick(PATHS, i)} HTTP/1.1" ${i % 17 === 0 ? 404 : 200} ${300 + (i % 5000)} "https://example.com/" "${pick(AGENTS, i)}"`;
}

interface Line {
  mapping: 'linux-auth' | 'linux-auditd' | 'web-access';
  text: string;
}

function corpus(n: number): Line[] {
  const attacks: Line[] = [
    ...fixture('auth.log').map((text) => ({ mapping: 'linux-auth' as const, text })),
    ...fixture('audit.log').map((text) => ({ mapping: 'linux-auditd' as const, text })),
    ...fixture('access.log').map((text) => ({ mapping: 'web-access' as const, text })),
  ];
  const out: Line[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 49) out.push(pick(attacks, Math.floor(i / 50)));
    else if (i % 5 < 2) out.push({ mapping: 'linux-auth', text: authLine(i) });
    else if (i % 5 === 2) out.push({ mapping: 'linux-auditd', text: auditLine(i) });
    else out.push({ mapping: 'web-access', text: webLine(i) });
  }
  return out;
}

const mappings = loadLogMappings();
const rules = lintSigmaDir(join(ROOT, 'config', 'sigma', 'rules'));
if (rules.errors.length > 0 || rules.rules.length !== 24) throw new Error(`expected the 24 shipped rules to compile, got ${rules.rules.length} with ${rules.errors.length} errors`);
const detectors = new Map([...(['linux-auth', 'linux-auditd', 'web-access'] as const)].map((m) => [m, new SigmaDetector(mappings.get(m)!, rules.rules)]));
const served = [...detectors.values()].reduce((n, d) => n + d.rules.length, 0);
if (served !== 24) throw new Error(`the three mappings serve ${served} of the 24 rules`);

const lines = corpus(LINES);
const bound = lines.map((l) => ({ d: detectors.get(l.mapping)!, text: l.text }));

/** Decoded fields per line (a checksum the JIT cannot drop), undecodable lines counted apart. */
function decodeOnly(): { seconds: number; check: number } {
  const t0 = process.hrtime.bigint();
  let check = 0;
  for (const { d, text } of bound) {
    const out = d.decode(text);
    check += 'error' in out ? 1 : Object.keys(out.event.fields).length;
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, check };
}

function withRules(): { seconds: number; matches: number; undecodable: number } {
  const t0 = process.hrtime.bigint();
  let matches = 0;
  let undecodable = 0;
  for (const { d, text } of bound) {
    const out = d.detect(text);
    if ('error' in out) undecodable++;
    else matches += out.rules.length;
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, matches, undecodable };
}

// One warm-up pass of each, so both are measured with compiled code.
decodeOnly();
withRules();
const rounds: { sigma: number; decode: number; ratio: number }[] = [];
let last = { matches: 0, undecodable: 0, check: 0 };
for (let r = 0; r < ROUNDS; r++) {
  const base = decodeOnly();
  const full = withRules();
  last = { matches: full.matches, undecodable: full.undecodable, check: base.check };
  const round = { sigma: LINES / full.seconds, decode: LINES / base.seconds, ratio: base.seconds / full.seconds };
  rounds.push(round);
  console.log(`round ${r + 1}: decode-only ${Math.round(round.decode)} lines/s, decode + 24 rules ${Math.round(round.sigma)} lines/s (${round.ratio.toFixed(2)}x)`);
}
if (last.matches === 0) throw new Error('no rule matched the attack samples: the bench is not exercising the rules');
console.log(`${LINES} lines (auth/auditd/web, 1 in 50 an attack sample): ${last.matches} rule matches, ${last.undecodable} undecodable lines; decode checksum ${last.check}`);
const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(ROUNDS / 2)]!;
console.log(`sigma: ${Math.round(median.sigma)} lines/s, ${median.ratio.toFixed(2)}x decode-only`);
