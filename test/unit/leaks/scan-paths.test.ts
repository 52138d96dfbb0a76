import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/daemon/leaks/rules.js';
import { scanPaths } from '../../../src/daemon/leaks/scan-paths.js';
import { githubToken } from '../../fixtures/leaks/planted-keys.js';

const ruleSet = loadRuleSet();
const opts = (maxFileBytes = 1024 * 1024) => ({ ruleSet, baseline: new Set<string>(), suppressed: { allowlist: 0, inline: 0, baseline: 0 }, maxFileBytes });

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'socdeck-leaks-paths-'));
  root = join(base, 'root');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'src', 'app.env'), `GITHUB_TOKEN=${githubToken()}\n`);
  writeFileSync(join(root, 'src', 'deep', 'notes.md'), `line one\nline two ${githubToken()}\n`);
  writeFileSync(join(root, 'blob.bin'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from(githubToken())]));
  writeFileSync(join(root, 'big.log'), `${'x'.repeat(2048)}\n${githubToken()}\n`);
  writeFileSync(join(root, 'node_modules', 'pkg', 'index.js'), `const t = "${githubToken()}";\n`);
  writeFileSync(join(outside, 'secret.txt'), `${githubToken()}\n`);
  symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.txt'));
  symlinkSync(outside, join(root, 'escape-dir'));
  symlinkSync(join(root, 'src', 'app.env'), join(root, 'alias.env'));
});

describe('scanPaths', () => {
  it('scans text files, skips binaries and oversized files, and lists why', async () => {
    const r = await scanPaths([root], opts(1024));
    expect(r.findings.map((f) => [f.file.slice(root.length + 1), f.line]).sort()).toEqual([
      ['src/app.env', 1],
      ['src/deep/notes.md', 2],
    ]);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { path: join(root, 'blob.bin'), reason: 'binary' },
        { path: join(root, 'big.log'), reason: 'larger than 1024 bytes' },
      ]),
    );
  });

  it('never follows a symlink out of the root, and scans a file once however it is reached', async () => {
    const r = await scanPaths([root], opts(1024));
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { path: join(root, 'escape.txt'), reason: 'symlink leaves the scan root' },
        { path: join(root, 'escape-dir'), reason: 'symlink leaves the scan root' },
      ]),
    );
    expect(r.findings.filter((f) => f.file.endsWith('.env'))).toHaveLength(1);
  });

  it('skips allowlisted folders such as node_modules', async () => {
    const r = await scanPaths([root], opts());
    expect(r.findings.some((f) => f.file.includes('node_modules'))).toBe(false);
  });

  it('expands globs relative to their static prefix', async () => {
    const r = await scanPaths([`${root}/**/*.md`], opts());
    expect(r.findings.map((f) => f.file)).toEqual([join(root, 'src/deep/notes.md')]);
    const r2 = await scanPaths([`${root}/src/*.env`], opts());
    expect(r2.findings.map((f) => f.file)).toEqual([join(root, 'src/app.env')]);
  });

  it('fails clearly on a missing path', async () => {
    await expect(scanPaths([join(root, 'missing')], opts())).rejects.toThrow(/ENOENT/);
  });
});
