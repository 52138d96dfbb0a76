import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { advisorySeverity } from '../../../src/daemon/intel/advisories/severity.js';
import { cvss3BaseScore } from '../../../src/daemon/intel/feeds/cvss3.js';
import { upstreamVersion } from '../../../src/daemon/intel/cpe-matcher.js';
import { buildVulnIndex, matchAssets } from '../../../src/daemon/intel/matcher.js';
import { loadFeedSet, matchOffline } from '../../../src/daemon/intel/offline-match.js';
import type { Asset, InventoryPackage } from '../../../src/shared/intel.js';

const feeds = await loadFeedSet(fileURLToPath(new URL('../../fixtures/intel/feeds/', import.meta.url)));

function asset(packages: InventoryPackage[], exposure: Asset['exposure'] = 'unknown'): Asset {
  return { id: 'web-01', customer: 'acme', host: 'web-01', exposure, collector: 'test', collectedAt: '2026-01-01T00:00:00.000Z', packages };
}

describe('matcher over the sample feeds', () => {
  // The Debian:12 nginx must not match DSA-3029-1, which is about Debian 7.
  it('matches exact versions per ecosystem with evidence, honouring distro releases', () => {
    const r = matchAssets(
      [
        asset([
          { name: 'nginx', version: '1.2.1-2.2+wheezy2', ecosystem: 'Debian:7', source: { name: 'nginx', version: '1.2.1-2.2+wheezy2' } },
          { name: 'nginx', version: '1.2.1-2.2+wheezy2', ecosystem: 'Debian:12', source: { name: 'nginx', version: '1.2.1-2.2+wheezy2' } },
          { name: 'mariadb', version: '10.5.15-r0', ecosystem: 'Alpine:v3.13' },
          { name: 'golang.org/x/text', version: 'v0.3.6', ecosystem: 'Go' },
          { name: 'werkzeug', version: '3.1.4', ecosystem: 'PyPI' },
          { name: 'Werkzeug', version: '3.1.5', ecosystem: 'PyPI' },
        ]),
      ],
      buildVulnIndex(feeds.records),
    );
    const hits = r.matches.map((m) => `${m.record.id} ${m.hit.ecosystem}/${m.hit.package}@${m.hit.installed} ${m.hit.range}`).sort();
    expect(hits).toEqual([
      'CVE-2022-27449 Alpine:v3.13/mariadb@10.5.15-r0 >=0, <10.5.16-r0',
      'DSA-3029-1 Debian:7/nginx@1.2.1-2.2+wheezy2 >=0, <1.2.1-2.2+wheezy3',
      // GO-2020-0015 (fixed 0.3.3) does not hit v0.3.6; GO-2021-0113 (fixed 0.3.7) does.
      'GO-2021-0113 Go/golang.org/x/text@v0.3.6 >=0, <0.3.7',
      'PYSEC-2026-1 PyPI/werkzeug@3.1.4 >=0, <3.1.5',
    ]);
  });

  it('drafts one advisory per CVE with KEV, every CVSS given, fixed versions and remediation', () => {
    const { advisories } = matchOffline([asset([{ name: 'golang.org/x/net', version: 'v0.20.0', ecosystem: 'Go' }], 'internet')], feeds, false);
    const a = advisories.find((x) => x.vuln === 'CVE-2023-45288');
    expect(a).toBeDefined();
    expect(a?.aliases).toContain('GO-2024-2687');
    expect(a?.fixedVersions).toEqual(['0.23.0']);
    expect(a?.remediation).toMatch(/Upgrade golang.org\/x\/net \(Go\) to 0.23.0 or later on web-01/);
    expect(a?.exposure).toBe('internet');
    expect(a?.severityReason).toMatch(/internet-exposed asset/);
  });
});

describe('advisory severity', () => {
  it.each([
    [[{ version: '3.1', score: 9.8 }], [], false, 'unknown', 'critical'],
    [[{ version: '3.1', score: 5.3 }], [], true, 'unknown', 'high'],
    [[{ version: '3.1', score: 7.5 }], [], true, 'unknown', 'critical'],
    [[{ version: '3.1', score: 5.3 }], [], false, 'internet', 'high'],
    [[], ['MODERATE'], false, 'unknown', 'medium'],
    [[], [], false, 'unknown', 'medium'],
  ] as const)('cvss %j words %j kev %s exposure %s → %s', (cvss, words, kev, exposure, expected) => {
    expect(advisorySeverity([...cvss], [...words], kev, exposure).severity).toBe(expected);
  });
});

describe('CVSS v3 base score', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H', 5.9],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s = %d', (v, score) => {
    expect(cvss3BaseScore(v)).toBe(score);
  });
  it('returns undefined for v4 or broken vectors', () => {
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeUndefined();
    expect(cvss3BaseScore('CVSS:3.1/AV:X')).toBeUndefined();
  });
});

describe('upstream version of distro packages (for CPE ranges)', () => {
  it.each([
    ['1:3.5.12-1.1+deb12u1', '3.5.12'],
    ['1.2.4-0.2+deb12u1', '1.2.4'],
    ['10.6.8-r0', '10.6.8'],
    ['7.88.1', '7.88.1'],
  ])('%s → %s', (v, u) => expect(upstreamVersion(v)).toBe(u));
});
