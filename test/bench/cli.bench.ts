/**
 * CLI start-up as users pay it: each command as a whole process (`node bin/socdeck …`), five runs
 * each, alternating with `node -e 0` so both see the same machine; the median of each is
 * compared. Goals: file-only commands <= 2.0x `node -e 0`, daemon-talking ones <= 3.0x.
 *
 * Run: npm run bench:cli  (npm run build && node --import tsx test/bench/cli.bench.ts)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, spawnDaemon, waitExit, writeTestConfig } from '../support/child-daemon.js';
import { tempDir } from '../support/daemon.js';

const RUNS = 5;
const BIN = join(REPO_ROOT, 'bin', 'socdeck');
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'sources', 'falco_events_falcosidekick.jsonl');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  // `parse` exits 1 when a record was rejected; anything else is a broken command, not a figure.
  if (r.status !== 0 && !(args[1] === 'parse' && r.status === 1)) throw new Error(`${args.slice(1).join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const dataDir = tempDir();
const daemon = await spawnDaemon(dataDir, writeTestConfig(dataDir));
const cases: { kind: 'file-only' | 'daemon'; args: string[] }[] = [
  { kind: 'file-only', args: ['--version'] },
  { kind: 'file-only', args: ['--help'] },
  { kind: 'file-only', args: ['vercmp', '--scheme', 'dpkg', '1.0', '1.1'] },
  { kind: 'file-only', args: ['parse', FIXTURE] },
  { kind: 'file-only', args: ['sla', 'due', '--start', '2026-02-13T16:45:00+08:00', '--minutes', '240'] },
  { kind: 'file-only', args: ['playbooks', 'lint'] },
  { kind: 'daemon', args: ['status', '--json', '--data-dir', dataDir] },
  { kind: 'daemon', args: ['alerts', 'list', '--json', '--data-dir', dataDir] },
];

try {
  const base: number[] = [];
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    cases.forEach((c, j) => {
      base.push(timed(['-e', '0']));
      times[j]!.push(timed([BIN, ...c.args]));
    });
  }
  const b = median(base);
  console.log(`node -e 0: median ${b.toFixed(0)} ms over ${base.length} runs`);
  let met = 0;
  cases.forEach((c, j) => {
    const ratio = median(times[j]!) / b;
    const goal = c.kind === 'file-only' ? 2.0 : 3.0;
    if (ratio <= goal) met++;
    console.log(
      `cli ${c.kind.padEnd(9)} ${c.args
        .filter((a) => a !== dataDir)
        .map((a) => (a === FIXTURE ? 'FILE.jsonl' : a))
        .join(' ')
        .padEnd(58)} ${median(times[j]!).toFixed(0).padStart(5)} ms  ratio ${ratio.toFixed(2)}  goal <= ${goal.toFixed(1)} ${ratio <= goal ? 'met' : 'MISSED'}`,
    );
  });
  console.log(`cli: ${met} of ${cases.length} commands within their goal`);
} finally {
  daemon.proc.kill('SIGTERM');
  await waitExit(daemon.proc);
}
