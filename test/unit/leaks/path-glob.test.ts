import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGlob, pathGlob } from '../../../src/daemon/leaks/path-glob.js';
import { loadRuleSet } from '../../../src/daemon/leaks/rules.js';
import { scanPaths } from '../../../src/daemon/leaks/scan-paths.js';
import { tempDir } from '../../support/daemon.js';

describe('leak scan globs (picomatch)', () => {
  it.each([
    // The cases the hand-written matcher passed, kept.
    ['src/**/*.env', 'src', ['a.env', 'x/y/a.env', '.env'], ['a.envx', 'x/a.txt']],
    ['/abs/*.yml', '/abs', ['c.yml', '.c.yml'], ['d/c.yml']],
    ['conf/app-?.[jt]s', 'conf', ['app-1.js', 'app-2.ts'], ['app-10.js', 'app-1.cs']],
    ['*.pem', '.', ['a.pem'], ['d/a.pem']],
    // Braces, negated classes and extglobs: the old matcher took these literally or got them wrong.
    ['cfg/*.{yml,yaml,env}', 'cfg', ['a.yml', 'b.yaml', '.env'], ['a.json', '{yml,yaml,env}']],
    ['cfg/[!a]*.env', 'cfg', ['b.env'], ['a.env']],
    ['cfg/**/!(*.test).ts', 'cfg', ['x/a.ts'], ['x/a.test.ts']],
    ['cfg/**', 'cfg', ['a', 'x/y/z'], []],
  ])('%s', (glob, wantBase, yes, no) => {
    expect(isGlob(glob)).toBe(true);
    const { base, matches } = pathGlob(glob);
    expect(base).toBe(wantBase);
    for (const p of yes) expect(matches(p), p).toBe(true);
    for (const p of no) expect(matches(p), p).toBe(false);
  });

  it('tells plain paths from globs', () => {
    for (const p of ['src/app.ts', '/etc/hosts', 'a-b_c.d']) expect(isGlob(p), p).toBe(false);
  });

  describe('cannot leave the folder it walks', () => {
    const dir = tempDir('socdeck-glob-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'base', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'prod.env'), 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    writeFileSync(join(dir, 'base', 'sub', 'ok.env'), 'NAME=value\n');

    it('refuses .. after the first wildcard, naming the glob', () => {
      const glob = `${dir}/base/**/../../outside/*.env`;
      expect(() => pathGlob(glob)).toThrow(`${glob}: a glob may not use .. after its first wildcard`);
    });

    it('walks only below the base: a match is never outside it', async () => {
      const opts = { ruleSet: loadRuleSet(), baseline: new Set<string>(), suppressed: { allowlist: 0, inline: 0, baseline: 0 }, maxFileBytes: 1 << 20 };
      const r = await scanPaths([`${dir}/base/**/*.env`], opts);
      expect(r.filesScanned).toBe(1);
      expect(r.findings).toEqual([]);
      await expect(scanPaths([`${dir}/base/*/../../outside/*.env`], opts)).rejects.toThrow(/may not use \.\./);
    });
  });
});
