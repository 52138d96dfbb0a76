/**
 * Does the first-run demo slow daemon start? `socdeck daemon --port 0` as a whole process, from
 * spawn until it has written daemon.json (every module started, listening), in a fresh data dir:
 * demo on (the embedded default) against demo off, five alternating pairs, medians compared.
 * With `--baseline DIR` (another checkout, built) that checkout's default start joins each round,
 * for a before/after figure.
 *
 * Run: npm run build && node --import tsx test/bench/demo-start.bench.ts [--baseline DIR]
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../support/child-daemon.js';
import { tempDir } from '../support/daemon.js';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const at = process.argv.indexOf('--baseline');
const baseline = at > 0 ? process.argv[at + 1] : undefined;

async function startToReady(root: string, demo: boolean): Promise<number> {
  const dir = tempDir('socdeck-bench-start-');
  const args = [join(root, 'bin', 'socdeck'), 'daemon', '--port', '0', '--data-dir', dir];
  if (!demo) {
    writeFileSync(join(dir, 'off.yaml'), 'demo:\n  enabled: false\n');
    args.push('--config', join(dir, 'off.yaml'));
  }
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, HOME: dir } });
  try {
    for (let i = 0; i < 3000; i++) {
      if (existsSync(join(dir, 'daemon.json'))) return performance.now() - t0;
      if (child.exitCode !== null) throw new Error(`daemon in ${root} exited ${child.exitCode} before it was ready`);
      await sleep(5);
    }
    throw new Error(`daemon in ${root} not ready within 15 s`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

const series: Record<string, number[]> = { 'demo off': [], 'demo on': [], ...(baseline ? { 'baseline (default)': [] } : {}) };
for (let i = 0; i < RUNS; i++) {
  series['demo off']!.push(await startToReady(REPO_ROOT, false));
  series['demo on']!.push(await startToReady(REPO_ROOT, true));
  if (baseline) series['baseline (default)']!.push(await startToReady(baseline, true));
}
const off = median(series['demo off']!);
for (const [name, xs] of Object.entries(series)) {
  console.log(`${name.padEnd(20)} median ${median(xs).toFixed(0).padStart(5)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})  ${(median(xs) / off).toFixed(2)}x demo off`);
}
