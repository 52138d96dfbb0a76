import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateAffected, evaluateRange, type OsvAffected } from '../../../src/shared/version/osv-range.js';
import { SCHEMES, schemeForEcosystem } from '../../../src/shared/version/schemes.js';

const OSV_DIR = new URL('../../fixtures/intel/feeds/osv/', import.meta.url);

function affectedOf(file: string, ecosystem?: string, name?: string): OsvAffected {
  const rec = JSON.parse(readFileSync(new URL(file, OSV_DIR), 'utf8')) as { affected: OsvAffected[] };
  const hit = rec.affected.find((a) => (!ecosystem || a.package?.ecosystem === ecosystem) && (!name || a.package?.name === name));
  if (!hit) throw new Error(`${file}: no affected entry for ${ecosystem}/${name}`);
  return hit;
}

function affectedAll(file: string, ecosystem: string, name: string): OsvAffected[] {
  const rec = JSON.parse(readFileSync(new URL(file, OSV_DIR), 'utf8')) as { affected: OsvAffected[] };
  return rec.affected.filter((a) => a.package?.ecosystem === ecosystem && a.package.name === name);
}

type Case = [file: string, ecosystem: string, name: string, version: string, affected: boolean, evidence?: string];

describe('OSV range evaluation over the real OSV samples', () => {
  it.each<Case>([
    // Debian:7 uses dpkg ordering, including the +wheezy security suffix.
    ['DSA-3029-1.json', 'Debian:7', 'nginx', '1.2.1-2.2+wheezy2', true, '>=0, <1.2.1-2.2+wheezy3'],
    ['DSA-3029-1.json', 'Debian:7', 'nginx', '1.2.1-2.2+wheezy3', false],
    ['DSA-3029-1.json', 'Debian:7', 'nginx', '1.2.1-2.2+wheezy3~bpo1', true],
    ['DSA-3029-1.json', 'Debian:7', 'nginx', '1:1.0', false],
    // Alpine:v3.x: apk ordering with -rN package revisions; each release has its own fixed version.
    ['CVE-2022-27449_alpine.json', 'Alpine:v3.13', 'mariadb', '10.5.15-r0', true, '>=0, <10.5.16-r0'],
    ['CVE-2022-27449_alpine.json', 'Alpine:v3.13', 'mariadb', '10.5.16-r0', false],
    ['CVE-2022-27449_alpine.json', 'Alpine:v3.15', 'mariadb', '10.5.16-r0', true],
    ['CVE-2022-27449_alpine.json', 'Alpine:v3.15', 'mariadb', '10.6.8-r1', false],
    // Go SEMVER ranges with two intervals; `1.19.0-0` opens the second branch below 1.19.0.
    ['GO-2022-0969.json', 'Go', 'stdlib', '1.18.5', true, '>=0, <1.18.6'],
    ['GO-2022-0969.json', 'Go', 'stdlib', '1.18.6', false],
    ['GO-2022-0969.json', 'Go', 'stdlib', '1.19.0-rc.1', true, '>=1.19.0-0, <1.19.1'],
    ['GO-2022-0969.json', 'Go', 'stdlib', '1.19.0', true],
    ['GO-2022-0969.json', 'Go', 'stdlib', '1.19.1', false],
    // Pseudo-version fix: a slightly older commit is affected, the fixing commit is not.
    ['GO-2022-0969.json', 'Go', 'golang.org/x/net', 'v0.0.0-20220906000000-aaaaaaaaaaaa', true],
    ['GO-2022-0969.json', 'Go', 'golang.org/x/net', 'v0.0.0-20220906165146-f3363e06e74c', false],
    ['GO-2022-0969.json', 'Go', 'golang.org/x/net', 'v0.1.0', false],
    // Go ECOSYSTEM range (GHSA) and SEMVER range (Go DB) for the same CVE agree.
    ['GHSA-4v7x-pqxf-cx7m.json', 'Go', 'net/http', '1.22.1', true],
    ['GO-2024-2687.json', 'Go', 'stdlib', '1.22.1', true],
    ['GHSA-4v7x-pqxf-cx7m.json', 'Go', 'net/http', '1.21.9', false],
    // PyPI: last_affected is inclusive; PEP 440 ordering of post releases.
    ['PYSEC-2023-120.json', 'PyPI', 'aiohttp', '3.8.4', true],
    ['PYSEC-2023-120.json', 'PyPI', 'aiohttp', '3.8.5', false],
    ['PYSEC-2023-120.json', 'PyPI', 'aiohttp', '4.0.1', true],
    ['PYSEC-2026-1.json', 'PyPI', 'Werkzeug', '3.1.4', true, '>=0, <3.1.5'],
    ['PYSEC-2026-1.json', 'PyPI', 'Werkzeug', '3.1.5', false],
    ['PYSEC-2026-1.json', 'PyPI', 'Werkzeug', '3.1.5rc1', true],
    ['PYSEC-2023-73.json', 'PyPI', 'redis', '99.0', true, '>=0'],
    // npm: an open-ended second range (introduced 2.1.0, never fixed) covers the first one's fix.
    ['GHSA-75v8-2h7p-7m2m.json', 'npm', 'formidable', '2.0.9', false],
    ['GHSA-75v8-2h7p-7m2m.json', 'npm', 'formidable', '2.1.0-rc.1', false],
    ['GHSA-75v8-2h7p-7m2m.json', 'npm', 'formidable', '2.1.0', true, '>=2.1.0'],
    ['GHSA-75v8-2h7p-7m2m.json', 'npm', 'formidable', '3.5.3', true],
    // Maven: an rc qualifier sorts before its release.
    ['GHSA-xx65-cc7g-9pfp.json', 'Maven', 'org.springframework.boot:spring-boot', '1.5.9', true],
    ['GHSA-xx65-cc7g-9pfp.json', 'Maven', 'org.springframework.boot:spring-boot', '1.5.10', false],
    ['GHSA-xx65-cc7g-9pfp.json', 'Maven', 'org.springframework.boot:spring-boot', '1.5.10-rc1', true],
    ['GHSA-xx65-cc7g-9pfp.json', 'Maven', 'org.springframework.boot:spring-boot', '1.4.7', false],
    // NuGet and Packagist use the generic fallback.
    ['GHSA-266m-wp2v-x7mq.json', 'NuGet', 'Microsoft.NetCore.App.Runtime.linux-arm', '9.0.5', true],
    ['GHSA-266m-wp2v-x7mq.json', 'NuGet', 'Microsoft.NetCore.App.Runtime.linux-arm', '8.0.5', false],
    ['GHSA-wjx8-cgrm-hh8p.json', 'Packagist', 'contao/core-bundle', '4.4.45', true],
    ['GHSA-wjx8-cgrm-hh8p.json', 'Packagist', 'contao/core-bundle', '4.4.46', false],
    ['GHSA-wjx8-cgrm-hh8p.json', 'Packagist', 'contao/core-bundle', '4.8.5', true],
  ])('%s %s/%s@%s affected=%s', (file, eco, name, version, affected, evidence) => {
    // A package can appear in several affected[] entries (backport branches): any of them may hit.
    const verdicts = affectedAll(file, eco, name).map((a) => evaluateAffected(a, version));
    const verdict = verdicts.find((v) => v.affected) ?? { affected: false as const };
    expect(verdict.affected).toBe(affected);
    if (evidence && verdict.affected) expect(verdict.evidence.text).toBe(evidence);
  });

  it('decides a GIT range through the versions[] list OSV enumerated from it', () => {
    const a = affectedOf('PYSEC-2018-27.json', 'PyPI', 'qutebrowser');
    const listed = a.versions?.[0] as string;
    const verdict = evaluateAffected({ ...a, ranges: a.ranges?.filter((r) => r.type === 'GIT') }, listed);
    expect(verdict).toMatchObject({ affected: true, evidence: { kind: 'versions' } });
    expect(evaluateAffected({ ...a, ranges: a.ranges?.filter((r) => r.type === 'GIT') }, '1.4.1')).toEqual({
      affected: false,
      unevaluated: 'GIT range (commit hashes) without a matching versions[] entry',
    });
  });

  it('maps distro ecosystems with a release suffix to their scheme', () => {
    expect(schemeForEcosystem('Debian:7')).toBe('dpkg');
    expect(schemeForEcosystem('Ubuntu:22.04:LTS')).toBe('dpkg');
    expect(schemeForEcosystem('Alpine:v3.16')).toBe('apk');
    expect(schemeForEcosystem('Rocky Linux:9')).toBe('rpm');
    expect(schemeForEcosystem('PyPI')).toBe('pep440');
    expect(schemeForEcosystem('SwiftURL')).toBe('generic');
  });

  it('applies limit as an exclusive cap on the whole range', () => {
    const range = { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { limit: '2.0.0' }] };
    expect(evaluateRange(range, '1.5.0', SCHEMES.semver)?.text).toBe('>=1.0.0');
    expect(evaluateRange(range, '2.0.0', SCHEMES.semver)).toBeUndefined();
  });

  it('sorts events that a record lists out of order before walking them', () => {
    const range = { type: 'SEMVER', events: [{ fixed: '1.2.0' }, { introduced: '1.1.0' }, { introduced: '0' }, { fixed: '1.0.5' }] };
    expect(evaluateRange(range, '1.0.4', SCHEMES.semver)?.text).toBe('>=0, <1.0.5');
    expect(evaluateRange(range, '1.0.7', SCHEMES.semver)).toBeUndefined();
    expect(evaluateRange(range, '1.1.3', SCHEMES.semver)?.text).toBe('>=1.1.0, <1.2.0');
  });

  it('throws a named parse error for an installed version the scheme cannot read', () => {
    expect(() => evaluateAffected(affectedOf('PYSEC-2026-1.json'), 'not a version')).toThrow(/invalid pep440 version "not a version"/);
  });
});
