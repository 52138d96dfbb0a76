import { execFile } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/daemon.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'src', 'cli.ts');
const FEEDS = join(ROOT, 'test', 'fixtures', 'intel', 'feeds');

async function socdeck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, ...r };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('socdeck vercmp / intel CLI (no daemon)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('socdeck-intel-cli-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('vercmp prints -1, 0 or 1 and fails clearly on a bad version', async () => {
    expect((await socdeck('vercmp', '--scheme', 'dpkg', '1.0~rc1', '1.0')).stdout).toBe('-1\n');
    const bad = await socdeck('vercmp', '--scheme', 'semver', '1.2', '1.2.0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid semver version "1.2"/);
    expect((await socdeck('vercmp', '1', '2')).code).toBe(2);
  });

  it('intel match prints the affected list as JSON with evidence', async () => {
    const inv = join(dir, 'inventory.json');
    writeFileSync(
      inv,
      JSON.stringify({
        packages: [
          { name: 'aiohttp', version: '3.8.4', ecosystem: 'PyPI' },
          { name: 'golang.org/x/crypto', version: 'v0.30.0', ecosystem: 'Go' },
        ],
      }),
    );
    const r = await socdeck('intel', 'match', '--inventory', inv, '--feeds', FEEDS, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { affected: { vuln: string; package: string; installed: string; range: string }[] };
    expect(out.affected.map((h) => `${h.vuln} ${h.package} ${h.installed} ${h.range}`).sort()).toEqual([
      'CVE-2023-37276 aiohttp 3.8.4 >=0, <=3.8.4',
      'CVE-2024-45337 golang.org/x/crypto v0.30.0 >=0, <0.31.0',
      'CVE-2025-22869 golang.org/x/crypto v0.30.0 >=0, <0.35.0',
    ]);
  });

  it('intel import without a daemon writes the data dir store, idempotently', async () => {
    const dataDir = join(dir, 'state');
    const first = JSON.parse((await socdeck('intel', 'import', join(FEEDS, 'osv'), '--data-dir', dataDir, '--json')).stdout) as { added: number };
    expect(first.added).toBe(30);
    const second = JSON.parse((await socdeck('intel', 'import', join(FEEDS, 'osv'), '--data-dir', dataDir, '--json')).stdout) as { added: number; unchanged: number };
    expect(second).toMatchObject({ added: 0, unchanged: 30 });
    expect(existsSync(join(dataDir, 'journal'))).toBe(true);
  });
});
