/**
 * Full-range TCP connect scan of 127.0.0.1 (ports 1-65535) with a few known listeners:
 * socdeck's scanner vs `nmap -sT -p- -T5 -n -Pn 127.0.0.1`, measured in the same run. Both must
 * report the same open-port set. Without nmap, the baseline is a sequential connect scan of
 * a 2000-port slice, extrapolated to the full range.
 *
 * Run: npm run bench:scan  (npm run build && node --import tsx test/bench/scan.bench.ts)
 */
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { parseNmapXml } from '../../src/daemon/scan/engines/nmap-xml.js';
import { socketProbe } from '../../src/daemon/scan/connect-probe.js';
import { ScanConfig } from '../../src/daemon/scan/scan-config.js';

// The built scanner, as the daemon runs it: its scan threads load compiled JavaScript, not
// TypeScript through a loader (`npm run bench:scan` builds first).
const { defaultScanThreads, threadedTcpScan } = (await import(new URL('../../dist/daemon/scan/scan-threads.js', import.meta.url).href)) as typeof import('../../src/daemon/scan/scan-threads.js');

const HOST = '127.0.0.1';
const ALL = Array.from({ length: 65535 }, (_, i) => i + 1);

async function listen(): Promise<Server> {
  const s = createServer((c) => c.destroy());
  await new Promise<void>((r) => s.listen(0, HOST, r));
  return s;
}

async function ours(): Promise<{ ms: number; open: number[] }> {
  const cfg = ScanConfig.parse({});
  const t0 = performance.now();
  // Shipped threads, concurrency, timeouts and retries; the rate cap is lifted to its maximum because
  // nmap -T5 has none, and this measures the scanner, not the politeness policy.
  const r = await threadedTcpScan({ threads: defaultScanThreads(), hosts: [HOST], ports: ALL, concurrency: cfg.concurrency, rate: 200_000, timeout: cfg.timeout, retries: cfg.retries });
  return { ms: performance.now() - t0, open: r.open.map((o) => o.port) };
}

async function nmap(): Promise<{ ms: number; open: number[] }> {
  const t0 = performance.now();
  const { stdout } = await promisify(execFile)('nmap', ['-sT', '-p-', '-T5', '-n', '-Pn', '-oX', '-', HOST], { maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const open = parseNmapXml(stdout, 'nmap stdout').hosts.flatMap((h) => h.ports.filter((p) => p.state === 'open').map((p) => p.port));
  return { ms, open };
}

async function sequentialSlice(ports: number[]): Promise<number> {
  const t0 = performance.now();
  for (const p of ports) await socketProbe(HOST, p, 1000);
  return performance.now() - t0;
}

const listeners = await Promise.all([listen(), listen(), listen()]);
const known = listeners.map((s) => (s.address() as AddressInfo).port).sort((a, b) => a - b);
try {
  const mine = await ours();
  const missing = known.filter((p) => !mine.open.includes(p));
  if (missing.length) throw new Error(`our scan missed known listeners ${missing.join(',')}`);
  if (spawnSync('sh', ['-c', 'command -v nmap']).status === 0) {
    const theirs = await nmap();
    // Other processes may open or close ports between the runs; the known listeners must agree,
    // and any other difference is printed rather than hidden.
    const onlyOurs = mine.open.filter((p) => !theirs.open.includes(p));
    const onlyTheirs = theirs.open.filter((p) => !mine.open.includes(p));
    const knownAgree = known.every((p) => theirs.open.includes(p));
    console.log(`open ports: ours ${mine.open.length} [${mine.open.join(',')}], nmap ${theirs.open.length} [${theirs.open.join(',')}]`);
    if (onlyOurs.length || onlyTheirs.length) console.log(`differences (ports other processes opened or closed meanwhile?): only ours ${onlyOurs.join(',') || '-'}, only nmap ${onlyTheirs.join(',') || '-'}`);
    if (!knownAgree) throw new Error('nmap did not see the known listeners');
    console.log(`scan: ${Math.round(mine.ms)} ms vs nmap ${Math.round(theirs.ms)} ms, ratio ${(mine.ms / theirs.ms).toFixed(2)}`);
  } else {
    console.log('nmap is not installed (apt-get install -y nmap); comparing against a sequential connect scan instead');
    const slice = ALL.slice(0, 2000);
    const seq = ((await sequentialSlice(slice)) * ALL.length) / slice.length;
    console.log(`scan: ${Math.round(mine.ms)} ms vs sequential ${Math.round(seq)} ms (extrapolated from ${slice.length} ports), ratio ${(mine.ms / seq).toFixed(2)}`);
  }
} finally {
  for (const s of listeners) s.close();
}
