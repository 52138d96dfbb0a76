/**
 * The full-range port scan as a user runs it: `socdeck scan ports --target 127.0.0.1 --ports
 * 1-65535` against `nmap -sT -p- -T5 -n -Pn 127.0.0.1`, both as whole processes (start-up, config,
 * scope check, threads, fingerprinting, exit), in alternating pairs so both see the same machine.
 * Wall time from spawn to exit; CPU (user + system) of the process and its threads from the
 * shell's `times`. Medians of the pairs are compared; goal: socdeck <= 1.0x nmap's wall time.
 * A few known listeners must be found by both.
 *
 * Our scan runs with the shipped config except `scan.rate`, lifted to its maximum: nmap -T5 has
 * no rate cap, and the default 20,000 attempts/s alone would take 3.3 s over 65,535 ports.
 *
 * Run: npm run bench:scan  (npm run build && node --import tsx test/bench/scan.bench.ts [PAIRS])
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { parseNmapXml } from '../../src/daemon/scan/engines/nmap-xml.js';
import { REPO_ROOT } from '../support/child-daemon.js';
import { tempDir } from '../support/daemon.js';

const PAIRS = Number(process.argv[2] ?? 3);
const HOST = '127.0.0.1';
const BIN = join(REPO_ROOT, 'bin', 'socdeck');

interface Run {
  wallMs: number;
  cpuMs: number;
  open: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (t: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  if (!m) throw new Error(`unexpected times output ${t}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Runs cmd under sh, whose `times` reports its children's CPU once cmd has exited. */
function timed(cmd: string[]): Promise<{ wallMs: number; cpuMs: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('sh', ['-c', '"$@"; s=$?; times >&2; exit $s', 'sh', ...cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${cmd.join(' ')} exited ${code}: ${err}`));
      // The last line of `times` is the children's user and system time.
      const [user, sys] = err.trim().split('\n').at(-1)!.trim().split(/\s+/);
      resolve({ wallMs, cpuMs: (seconds(user!) + seconds(sys!)) * 1000, stdout: out });
    });
  });
}

async function socdeck(config: string): Promise<Run> {
  const r = await timed([process.execPath, BIN, 'scan', 'ports', '--target', HOST, '--ports', '1-65535', '--json', '--config', config]);
  const open = (JSON.parse(r.stdout) as { open: { port: number }[] }).open.map((o) => o.port);
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, open };
}

async function nmap(): Promise<Run> {
  const r = await timed(['nmap', '-sT', '-p-', '-T5', '-n', '-Pn', '-oX', '-', HOST]);
  const open = parseNmapXml(r.stdout, 'nmap stdout').hosts.flatMap((h) => h.ports.filter((p) => p.state === 'open').map((p) => p.port));
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, open };
}

async function listen(): Promise<Server> {
  const s = createServer((c) => c.destroy());
  await new Promise<void>((r) => s.listen(0, HOST, r));
  return s;
}

if (spawnSync('sh', ['-c', 'command -v nmap']).status !== 0) {
  console.log('scan: nmap is not installed (apt-get install -y nmap); nothing to compare against');
  process.exit(1);
}
const config = join(tempDir(), 'scan-bench.yaml');
writeFileSync(config, 'scan:\n  rate: 200000\n');
const listeners = await Promise.all([listen(), listen(), listen()]);
const known = listeners.map((s) => (s.address() as AddressInfo).port);
try {
  const ours: Run[] = [];
  const theirs: Run[] = [];
  for (let i = 0; i < PAIRS; i++) {
    // Alternate who goes first, so neither always runs on the machine the other warmed.
    const pair = i % 2 === 0 ? [await socdeck(config), await nmap()] : [await nmap(), await socdeck(config)].reverse();
    for (const [who, r] of [
      ['socdeck', pair[0]!],
      ['nmap', pair[1]!],
    ] as const) {
      const missed = known.filter((p) => !r.open.includes(p));
      if (missed.length) throw new Error(`${who} missed known listeners ${missed.join(',')}`);
    }
    ours.push(pair[0]!);
    theirs.push(pair[1]!);
    const diff = pair[0]!.open.filter((p) => !pair[1]!.open.includes(p)).concat(pair[1]!.open.filter((p) => !pair[0]!.open.includes(p)));
    console.log(
      `pair ${i + 1}: socdeck ${pair[0]!.wallMs.toFixed(0)} ms wall ${pair[0]!.cpuMs.toFixed(0)} ms cpu (${pair[0]!.open.length} open), nmap ${pair[1]!.wallMs.toFixed(0)} ms wall ${pair[1]!.cpuMs.toFixed(0)} ms cpu (${pair[1]!.open.length} open)${diff.length ? `; open on one side only (other processes' ports opening or closing?): ${diff.join(',')}` : ''}`,
    );
  }
  const wall = median(ours.map((r) => r.wallMs)) / median(theirs.map((r) => r.wallMs));
  const cpu = median(ours.map((r) => r.cpuMs)) / median(theirs.map((r) => r.cpuMs));
  console.log(
    `scan (whole command, median of ${PAIRS} pairs): socdeck ${median(ours.map((r) => r.wallMs)).toFixed(0)} ms vs nmap ${median(theirs.map((r) => r.wallMs)).toFixed(0)} ms wall, ratio ${wall.toFixed(2)} (goal <= 1.0 ${wall <= 1 ? 'met' : 'MISSED'}); cpu ratio ${cpu.toFixed(2)}`,
  );
} finally {
  for (const s of listeners) s.close();
}
