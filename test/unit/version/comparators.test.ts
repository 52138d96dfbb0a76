import { describe, expect, it } from 'vitest';
import { rpmvercmp } from '../../../src/shared/version/rpm.js';
import { SCHEMES, type SchemeName } from '../../../src/shared/version/schemes.js';
import { VersionParseError } from '../../../src/shared/version/version-error.js';

type Case = [a: string, b: string, expected: -1 | 0 | 1];

/** Every later entry must compare greater than every earlier one, both ways round. */
function expectAscending(scheme: SchemeName, ordered: string[]): void {
  const cmp = SCHEMES[scheme];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i] as string;
      const b = ordered[j] as string;
      expect(cmp(a, b), `${scheme}: ${a} < ${b}`).toBe(-1);
      expect(cmp(b, a), `${scheme}: ${b} > ${a}`).toBe(1);
    }
  }
}

function table(scheme: SchemeName, cases: Case[]): void {
  it.each(cases)(`${scheme}: %s vs %s -> %i`, (a, b, expected) => {
    expect(SCHEMES[scheme](a, b)).toBe(expected);
    expect(SCHEMES[scheme](b, a)).toBe(-expected === 0 ? 0 : -expected);
  });
}

describe('dpkg (deb-version(7), dpkg lib/dpkg/t/t-version.c)', () => {
  table('dpkg', [
    ['1.0', '1.0', 0],
    ['1.0', '1.0-0', 0],
    ['0:1.0', '1.0', 0],
    ['1:0.4', '10.3', 1],
    ['1.0~~', '1.0~~a', -1],
    ['1.0~~a', '1.0~', -1],
    ['1.0~', '1.0', -1],
    ['1.0', '1.0a', -1],
    ['1.0', '1.0.', -1],
    ['1.0.0', '1.0', 1],
    ['1.0+dfsg', '1.0', 1],
    ['2.30', '2.4', 1],
    ['1.0-1', '1.0-1ubuntu1', -1],
    ['1.0-1~bpo1', '1.0-1', -1],
    ['1.0-a', '1.0-+', -1],
    ['7.74.0-1.3+deb11u7', '7.74.0-1.3+deb11u14', -1],
    ['1:2.30.2-1', '2.38-1', 1],
    ['0001.0', '1.0', 0],
  ]);
  it('rejects versions dpkg rejects, naming the value', () => {
    expect(() => SCHEMES.dpkg('a:1.0', '1.0')).toThrow(VersionParseError);
    expect(() => SCHEMES.dpkg('', '1.0')).toThrow(/invalid dpkg version "": empty version/);
    expect(() => SCHEMES.dpkg('1.0 2', '1.0')).toThrow(/whitespace/);
  });
});

describe('rpm (rpmvercmp, rpm tests/rpmvercmp.at)', () => {
  it.each<Case>([
    ['1.0', '1.0', 0],
    ['1.0', '2.0', -1],
    ['2.0', '2.0.1', -1],
    ['2.0.1a', '2.0.1', 1],
    ['5.5p1', '5.5p2', -1],
    ['5.5p1', '5.5p10', -1],
    ['10xyz', '10.1xyz', -1],
    ['xyz10', 'xyz10.1', -1],
    ['xyz.4', '8', -1],
    ['8', 'xyz.4', 1],
    ['xyz.4', '2', -1],
    ['5.5p2', '5.6p1', -1],
    ['6.0.rc1', '6.0', 1],
    ['10b2', '10a1', 1],
    ['1.0aa', '1.0a', 1],
    ['10.0001', '10.1', 0],
    ['10.0001', '10.0039', -1],
    ['4.999.9', '5.0', -1],
    ['20101121', '20101122', -1],
    ['2.0', '2_0', 0],
    ['a+', 'a_', 0],
    ['+', '_', 0],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0~rc1~git123', '1.0~rc1', -1],
    ['1.0^', '1.0', 1],
    ['1.0^git1', '1.0', 1],
    ['1.0^git1', '1.0^git2', -1],
    ['1.0^git1', '1.01', -1],
    ['1.0^20160101', '1.0.1', -1],
    ['1.0^20160101^git1', '1.0^20160101^git2', -1],
    ['1.0~rc1^git1', '1.0~rc1', 1],
    ['1.0^git1~pre', '1.0^git1', -1],
    ['1.0~rc1^git1', '1.0', -1],
  ])('rpmvercmp(%s, %s) = %i', (a, b, expected) => {
    expect(rpmvercmp(a, b)).toBe(expected);
  });
  table('rpm', [
    ['1:1.0-1', '2.0-1', 1],
    ['1.0-1.el8', '1.0-2.el8', -1],
    ['3.6.8-51.el9', '3.6.8-51.el9_4.1', -1],
    ['0:1.2-3', '1.2-3', 0],
  ]);
});

describe('semver (semver.org §11, npm semver)', () => {
  it('orders the spec example', () => {
    expectAscending('semver', ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1']);
  });
  table('semver', [
    ['1.0.0+build.1', '1.0.0+build.2', 0],
    ['v1.2.3', '1.2.3', 0],
    ['=1.2.3', '1.2.3', 0],
    ['1.2.3-0', '1.2.3-a', -1],
    ['18446744073709551616.0.0', '18446744073709551615.0.0', 1],
  ]);
  it('rejects non-SemVer strings', () => {
    expect(() => SCHEMES.semver('1.2', '1.2.0')).toThrow(/invalid semver version "1.2"/);
    expect(() => SCHEMES.semver('01.2.3', '1.2.3')).toThrow(VersionParseError);
  });
});

describe('pep440 (PEP 440 "Summary of permitted suffixes and relative ordering")', () => {
  it('orders the PEP example', () => {
    expectAscending('pep440', [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });
  table('pep440', [
    ['1.0', '1.0.0', 0],
    ['1.0a1', '1.0alpha1', 0],
    ['1.0a1', '1.0-a.1', 0],
    ['1.0c1', '1.0rc1', 0],
    ['1.0RC1', '1.0rc1', 0],
    ['1.0.post1', '1.0-1', 0],
    ['1.0.post1', '1.0.r1', 0],
    ['1.0.post', '1.0.post0', 0],
    ['v1.0', '1.0', 0],
    ['1!1.0', '2.0', 1],
    ['2.0', '10.0', -1],
    ['1.0.dev0', '1.0a0', -1],
  ]);
  it('rejects non-PEP 440 strings', () => {
    expect(() => SCHEMES.pep440('1.0-foo', '1.0')).toThrow(/invalid pep440 version/);
  });
});

describe('go (golang.org/x/mod/semver, pseudo-versions)', () => {
  it('orders pseudo-versions by timestamp and before the release they precede', () => {
    expectAscending('go', ['v0.0.0-20210101000000-abcdef123456', 'v0.0.0-20220101000000-abcdef123456', 'v0.0.1', 'v1.2.3-pre', 'v1.2.3', 'v1.2.4-0.20230101000000-abcdef123456', 'v1.2.4']);
  });
  table('go', [
    ['v2.0.0+incompatible', 'v2.0.0', 0],
    ['1.2.3', 'v1.2.3', 0],
    ['v1', 'v1.0.0', 0],
    ['v1.10.0', 'v1.9.9', 1],
  ]);
});

describe('maven (ComparableVersionTest)', () => {
  it('orders qualifiers', () => {
    expectAscending('maven', [
      '1-alpha2snapshot',
      '1-alpha2',
      '1-alpha-123',
      '1-beta-2',
      '1-beta123',
      '1-m2',
      '1-m11',
      '1-rc',
      '1-cr2',
      '1-rc123',
      '1-SNAPSHOT',
      '1',
      '1-sp',
      '1-sp2',
      '1-sp123',
      '1-abc',
      '1-def',
      '1-pom-1',
      '1-1-snapshot',
      '1-1',
      '1-2',
      '1-123',
    ]);
  });
  it('orders numbers', () => {
    expectAscending('maven', [
      '2.0',
      '2-1',
      '2.0.a',
      '2.0.0.a',
      '2.0.2',
      '2.0.123',
      '2.1.0',
      '2.1-a',
      '2.1b',
      '2.1-c',
      '2.1-1',
      '2.1.0.1',
      '2.2',
      '2.123',
      '11.a2',
      '11.a11',
      '11.b2',
      '11.b11',
      '11.m2',
      '11.m11',
      '11',
      '11.a',
      '11b',
      '11c',
      '11m',
    ]);
  });
  table('maven', [
    ['1', '1.0.0', 0],
    ['1', '1-0', 0],
    ['1.0', '1.0-0', 0],
    ['1a', '1-a', 0],
    ['1a', '1.0.0-a', 0],
    ['1x', '1.0-x', 0],
    ['1ga', '1', 0],
    ['1release', '1', 0],
    ['1final', '1', 0],
    ['1cr', '1rc', 0],
    ['1a1', '1-alpha-1', 0],
    ['1b2', '1-beta-2', 0],
    ['1m3', '1-milestone-3', 0],
    ['1X', '1x', 0],
    ['2.17.0', '2.17.1', -1],
    ['2.15.0-rc1', '2.15.0', -1],
  ]);
});

describe('apk (apk-tools version ordering)', () => {
  it('orders suffixes around the release', () => {
    expectAscending('apk', ['1.2.3_alpha', '1.2.3_beta', '1.2.3_pre', '1.2.3_rc1', '1.2.3', '1.2.3-r1', '1.2.3_p1', '1.2.3a', '1.2.4', '1.10']);
  });
  table('apk', [
    ['10.5.16-r0', '10.5.16-r0', 0],
    ['1.2', '1.2.1', -1],
  ]);
});
