import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeakScanRow } from '../../../src/shared/leak.js';
import { fingerprintSecret } from '../../../src/shared/secret-mask.js';
import { githubToken } from '../../fixtures/leaks/planted-keys.js';
import { runCli, requireBuild } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';

const socdeck = (...args: string[]) => runCli(args, { timeoutMs: 60_000 });

let dir: string;
const token = githubToken();

beforeAll(() => {
  requireBuild();
  dir = tempDir('socdeck-leaks-cli-');
  mkdirSync(join(dir, 'dirty'));
  mkdirSync(join(dir, 'clean'));
  writeFileSync(join(dir, 'dirty', 'ci.env'), `# ci\nGH_TOKEN=${token}\n`);
  writeFileSync(join(dir, 'clean', 'README.md'), '# nothing to see\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('socdeck leaks scan (no daemon)', () => {
  it('prints the JSON contract and exits 1 when it finds a key', async () => {
    const r = await socdeck('leaks', 'scan', join(dir, 'dirty'), '--json');
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as LeakScanRow[];
    expect(rows).toEqual([
      { rule: 'github-pat', provider: 'github', file: join(dir, 'dirty', 'ci.env'), line: 2, masked: `${token.slice(0, 4)}…${token.slice(-4)}`, fingerprint: fingerprintSecret(token) },
    ]);
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('exits 0 with an empty array on a clean tree', async () => {
    const r = await socdeck('leaks', 'scan', join(dir, 'clean'), '--json');
    expect(r).toMatchObject({ code: 0 });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('accepts rows of its --json output as a baseline', async () => {
    const row: LeakScanRow = { rule: 'github-pat', provider: 'github', file: 'elsewhere/ci.env', line: 9, masked: 'ghp_…', fingerprint: fingerprintSecret(token) };
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify([row]));
    const r = await socdeck('leaks', 'scan', join(dir, 'dirty'), '--baseline', join(dir, 'baseline.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 finding\(s\); suppressed: 0 allowlisted, 0 inline, 1 baseline/);
  });

  it('exits 2 naming the path when the scan cannot run', async () => {
    const r = await socdeck('leaks', 'scan', join(dir, 'missing'), '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'missing'));
  });
});
