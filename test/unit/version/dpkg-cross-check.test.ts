import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareDpkg } from '../../../src/shared/version/dpkg.js';

const hasDpkg = spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status === 0;
const MIN_PAIRS = 2000;

/** Installed package versions, plus variants of each so `~`, `+`, epochs and trailing parts are exercised. */
function installedVersions(): string[] {
  const out = execFileSync('dpkg-query', ['-W', '-f', '${Version}\\n'], { encoding: 'utf8' });
  const base = [...new Set(out.split('\n').filter(Boolean))];
  const all = [...new Set([...base, ...base.flatMap((v) => [`${v}~rc1`, `${v}~`, `${v}+b1`, `${v}.0`, ...(v.includes(':') ? [] : [`1:${v}`])])])];
  // Each check spawns dpkg: keep just above the required count so the test stays quick.
  return all.slice(0, MIN_PAIRS + 50);
}

const SCRIPT = 'while read -r a op b; do if dpkg --compare-versions "$a" "$op" "$b"; then echo y; else echo n; fi; done';

/** Asks dpkg whether each `a op b` holds; one `y`/`n` per check. Two shells share the list (one per core). */
async function dpkgHolds(checks: [string, 'lt' | 'eq', string][]): Promise<string[]> {
  const half = Math.ceil(checks.length / 2);
  const parts = await Promise.all(
    [checks.slice(0, half), checks.slice(half)].map(async (part) => {
      const child = promisify(execFile)('sh', ['-c', SCRIPT], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      child.child.stdin?.end(part.map(([a, op, b]) => `${a} ${op} ${b}`).join('\n') + '\n');
      return (await child).stdout.trim().split('\n');
    }),
  );
  return parts.flat();
}

describe('dpkg comparator vs dpkg --compare-versions', () => {
  // Sorting with our comparator and having dpkg confirm every adjacent pair (strictly less or
  // equal, as we claim) checks the hardest pairs — the closest versions — one dpkg call each;
  // by transitivity the whole order agrees with dpkg's.
  it.skipIf(!hasDpkg)(
    `agrees on >= ${MIN_PAIRS} adjacent pairs of this machine's installed package versions`,
    async () => {
      const sorted = installedVersions().sort(compareDpkg);
      const checks = sorted.slice(1).map((b, i): [string, 'lt' | 'eq', string] => {
        const a = sorted[i] as string;
        return [a, compareDpkg(a, b) === 0 ? 'eq' : 'lt', b];
      });
      expect(checks.length).toBeGreaterThanOrEqual(MIN_PAIRS);
      const verdicts = await dpkgHolds(checks);
      expect(verdicts).toHaveLength(checks.length);
      const disagreements = checks.filter((_, i) => verdicts[i] !== 'y').map(([a, op, b]) => `ours: ${a} ${op} ${b}; dpkg disagrees`);
      expect(disagreements).toEqual([]);
    },
    120_000,
  );
  it.runIf(!hasDpkg)('is skipped: dpkg is not installed on this machine', () => {});
});
