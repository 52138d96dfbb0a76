/**
 * Leak scanner throughput against ripgrep running the same regex set on the same tree.
 *   node --import tsx test/bench/leaks.bench.ts [MB]
 * Prints the per-rule confusion table on the labelled corpus (test/fixtures/leaks/corpus), then
 * `leaks: <MB/s>, <R>x ripgrep`. Needs `rg` (Debian package ripgrep) on PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRuleSet } from '../../src/daemon/leaks/rules.js';
import { scanPaths } from '../../src/daemon/leaks/scan-paths.js';
import { prng } from '../fixtures/leaks/corpus/keys.js';
import { confusionTable, leakCorpus, measureAccuracy } from '../support/leak-accuracy.js';

const TARGET_MB = Number(process.argv[2] ?? 200);
const FILE_BYTES = 512 * 1024;
const BINARY_EVERY = 10;

const WORDS = 'const let return function import export from await async if else for while user config value host port name path data result error log request response client server'.split(' ');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function sourceLike(rand: () => number, bytes: number, plant: boolean): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 3 + Math.floor(rand() * 9);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
    const line = `${'  '.repeat(Math.floor(rand() * 4))}${words.join(' ')} = "${words[0]}_${Math.floor(rand() * 1e6)}";`;
    lines.push(line);
    size += line.length + 1;
  }
  if (plant) {
    const id = Array.from({ length: 16 }, () => ALNUM[Math.floor(rand() * 26)]).join('');
    lines.splice(Math.floor(rand() * lines.length), 0, `aws_access_key_id = AKIA${id}`);
  }
  return lines.join('\n');
}

function generate(root: string): number {
  const rand = prng(42);
  let total = 0;
  for (let i = 0; total < TARGET_MB * 1024 * 1024; i++) {
    const dir = join(root, `pkg${Math.floor(i / 50)}`);
    mkdirSync(dir, { recursive: true });
    if (i % BINARY_EVERY === 0) {
      const buf = Buffer.alloc(FILE_BYTES);
      for (let j = 0; j < buf.length; j++) buf[j] = Math.floor(rand() * 256);
      writeFileSync(join(dir, `blob${i}.bin`), buf);
    } else {
      writeFileSync(join(dir, `file${i}.ts`), sourceLike(rand, FILE_BYTES, i % 97 === 1));
    }
    total += FILE_BYTES;
  }
  return total;
}

/** The rule set as PCRE2 patterns: JS flags become inline flags, the syntax is shared. */
function patternsFile(dir: string): string {
  const lines = loadRuleSet().rules.map((r) => `${r.re.flags.replace(/[gdu]/g, '') ? `(?${r.re.flags.replace(/[gdu]/g, '')})` : ''}${r.re.source}`);
  const file = join(dir, 'patterns.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function main(): Promise<void> {
  const rules = loadRuleSet();
  const corpus = leakCorpus(rules);
  measureAccuracy(rules, corpus); // warm-up: regex compilation and JIT are not the detectors' speed
  const t = performance.now();
  const acc = measureAccuracy(rules, corpus);
  const secs = (performance.now() - t) / 1000;
  process.stdout.write(
    `${confusionTable(acc)}\ncorpus scored in ${(secs * 1000).toFixed(0)} ms (${(acc.bytes / 1024 / 1024 / secs).toFixed(2)} MB/s, ${((secs * 1e6) / acc.samples).toFixed(0)} µs a sample)\n`,
  );
  if (spawnSync('rg', ['--version']).status !== 0) throw new Error('ripgrep (rg) is not installed: apt-get install ripgrep');
  const base = mkdtempSync(join(tmpdir(), 'socdeck-leaks-bench-'));
  try {
    const tree = join(base, 'tree');
    const bytes = generate(tree);
    const mb = bytes / (1024 * 1024);
    const patterns = patternsFile(base);
    const ruleSet = loadRuleSet();

    const t0 = performance.now();
    const r = await scanPaths([tree], { ruleSet, baseline: new Set(), suppressed: { allowlist: 0, inline: 0, baseline: 0 }, maxFileBytes: 64 * 1024 * 1024 });
    const ours = (performance.now() - t0) / 1000;

    // -U: the rule set has multi-line patterns (PEM blocks, paired keys), as our scanner matches whole files.
    const t1 = performance.now();
    const rg = spawnSync('rg', ['-P', '-U', '-c', '--no-config', '--no-ignore', '-f', patterns, tree], { maxBuffer: 64 * 1024 * 1024 });
    const rgSecs = (performance.now() - t1) / 1000;
    if (rg.status !== 0 && rg.status !== 1) throw new Error(`rg failed: ${rg.stderr.toString()}`);

    // For reference: line mode is faster but misses keys spanning lines.
    const t2 = performance.now();
    spawnSync('rg', ['-P', '-c', '--no-config', '--no-ignore', '-f', patterns, tree], { maxBuffer: 64 * 1024 * 1024 });
    const rgLineSecs = (performance.now() - t2) / 1000;

    const oursRate = mb / ours;
    const rgRate = mb / rgSecs;
    process.stdout.write(
      `tree: ${mb.toFixed(0)} MB (${r.filesScanned} text files scanned, ${r.skipped.length} binaries skipped), ${r.findings.length} findings; rg ${execFileSync('rg', ['--version']).toString().split('\n')[0]}: ${rgSecs.toFixed(2)} s, ours ${ours.toFixed(2)} s\n`,
    );
    process.stdout.write(`reference: rg line mode (no multi-line keys) ${rgLineSecs.toFixed(2)} s = ${(oursRate / (mb / rgLineSecs)).toFixed(2)}x\n`);
    process.stdout.write(`leaks: ${oursRate.toFixed(1)} MB/s, ${(oursRate / rgRate).toFixed(2)}x ripgrep\n`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
