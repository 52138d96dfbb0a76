import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPackages } from '../../../src/daemon/intel/inventory/inventory-store.js';
import { packagesFromGoSum, packagesFromPackageLock, packagesFromPom, packagesFromRequirements } from '../../../src/daemon/intel/inventory/lockfiles.js';
import { distroEcosystem, parseOsRelease } from '../../../src/daemon/intel/inventory/os-release.js';
import { parseCollectOutput } from '../../../src/daemon/intel/inventory/package-lists.js';
import { packageFromPurl } from '../../../src/daemon/intel/inventory/purl.js';
import { packagesFromCycloneDx, packagesFromSpdx } from '../../../src/daemon/intel/inventory/sbom.js';
import { collectSsh, sshArgs } from '../../../src/daemon/intel/inventory/collectors.js';

describe('package URLs → OSV names', () => {
  it.each([
    ['pkg:npm/%40babel/core@7.24.0', { name: '@babel/core', version: '7.24.0', ecosystem: 'npm' }],
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', { name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', ecosystem: 'Maven' }],
    ['pkg:golang/golang.org/x/net@v0.7.0', { name: 'golang.org/x/net', version: 'v0.7.0', ecosystem: 'Go' }],
    ['pkg:pypi/requests@2.31.0', { name: 'requests', version: '2.31.0', ecosystem: 'PyPI' }],
    ['pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5?arch=amd64&distro=debian-12', { name: 'curl', version: '7.88.1-10+deb12u5', ecosystem: 'Debian:12' }],
    ['pkg:apk/alpine/busybox@1.36.1-r5?distro=3.19.1', { name: 'busybox', version: '1.36.1-r5', ecosystem: 'Alpine:v3.19' }],
  ])('%s', (purl, expected) => {
    expect(packageFromPurl(purl)).toMatchObject(expected);
  });
  it('refuses purls without a version or of unknown type', () => {
    expect(packageFromPurl('pkg:npm/left-pad')).toBeUndefined();
    expect(packageFromPurl('pkg:unknown/x@1')).toBeUndefined();
  });
});

describe('distro releases', () => {
  it.each([
    ['ID=debian\nVERSION_ID="12"', 'Debian:12'],
    ['ID=ubuntu\nVERSION_ID="22.04"', 'Ubuntu:22.04'],
    ['ID=alpine\nVERSION_ID=3.19.1', 'Alpine:v3.19'],
    ['ID=rocky\nVERSION_ID="9.3"', 'Rocky Linux:9'],
  ])('%j → %s', (text, eco) => {
    expect(distroEcosystem(parseOsRelease(text), 'x')).toBe(eco);
  });
});

describe('collect-script output', () => {
  it('keeps installed dpkg packages with their source, drops rc ones, names bad lines', () => {
    const out = ['ID=debian', 'VERSION_ID="12"', '@@socdeck-packages', '@@dpkg', 'libcurl4\t7.88.1-10+deb12u5\tcurl\t7.88.1-10+deb12u5\tii ', 'oldpkg\t1.0\toldpkg\t1.0\trc ', 'garbage', ''].join(
      '\n',
    );
    const c = parseCollectOutput(out);
    expect(c.manager).toBe('dpkg');
    expect(c.packages).toEqual([{ name: 'libcurl4', version: '7.88.1-10+deb12u5', ecosystem: 'Debian:12', source: { name: 'curl', version: '7.88.1-10+deb12u5' } }]);
    expect(c.skipped).toEqual([{ line: 7, text: 'garbage' }]);
  });
  it('reads apk and rpm lists', () => {
    expect(parseCollectOutput('ID=alpine\nVERSION_ID=3.16.2\n@@socdeck-packages\n@@apk\nmariadb-10.6.8-r0\n').packages).toEqual([{ name: 'mariadb', version: '10.6.8-r0', ecosystem: 'Alpine:v3.16' }]);
    expect(parseCollectOutput('ID=rocky\nVERSION_ID=9\n@@socdeck-packages\n@@rpm\nbash\t0:5.1.8-6.el9\n').packages).toEqual([{ name: 'bash', version: '5.1.8-6.el9', ecosystem: 'Rocky Linux:9' }]);
  });
});

describe('ssh collector', () => {
  it('runs the system ssh in batch mode with the read-only script and refuses option-like hosts', async () => {
    const args = sshArgs({ host: '10.0.0.5', user: 'audit', port: 2222, identityFile: '/keys/id' });
    expect(args.slice(0, 8)).toEqual(['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15', '-p', '2222', '-i', '/keys/id']);
    expect(args.at(-3)).toBe('--');
    expect(args.at(-2)).toBe('audit@10.0.0.5');
    expect(args.at(-1)).toMatch(/dpkg-query -W/);
    // Read-only: no writing commands, and output redirected nowhere but /dev/null.
    const script = (args.at(-1) as string).replace(/[12]?>\/dev\/null( 2>&1)?/g, '');
    expect(script).not.toMatch(/\b(rm|mv|cp|tee|install|upgrade|remove)\b|>/);
    await expect(collectSsh({ host: '-oProxyCommand=x', port: 22 }, 1000)).rejects.toThrow(/may not start with "-"/);
  });
});

describe('SBOMs and lock files', () => {
  it('reads this repository’s own package-lock.json', () => {
    const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as unknown;
    const r = packagesFromPackageLock(lock, 'package-lock.json');
    expect(r.packages.find((p) => p.name === 'zod')).toMatchObject({ ecosystem: 'npm', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(r.packages.length).toBeGreaterThan(50);
  });
  it('reads CycloneDX (nested components) and SPDX purls, naming what it skips', () => {
    const cdx = packagesFromCycloneDx({ bomFormat: 'CycloneDX', components: [{ name: 'a', version: '1', purl: 'pkg:npm/a@1', components: [{ name: 'b', version: '2' }] }] }, 'bom.json');
    expect(cdx.packages.map((p) => p.name)).toEqual(['a']);
    expect(cdx.skipped).toEqual(['components[0].components[0] b@2 (no purl)']);
    const spdx = packagesFromSpdx(
      { spdxVersion: 'SPDX-2.3', packages: [{ name: 'requests', versionInfo: '2.31.0', externalRefs: [{ referenceType: 'purl', referenceLocator: 'pkg:pypi/requests@2.31.0' }] }] },
      'sbom.spdx.json',
    );
    expect(spdx.packages).toMatchObject([{ name: 'requests', ecosystem: 'PyPI' }]);
  });
  it('reads pinned requirements and reports unpinned lines with their line number', () => {
    const r = packagesFromRequirements('# deps\nDjango==4.2.1\nrequests[socks] == 2.31.0 ; python_version > "3"\nflask>=2\n', 'requirements.txt');
    expect(r.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['Django@4.2.1', 'requests@2.31.0']);
    expect(r.skipped).toEqual(['requirements.txt:4: not pinned with ==: flask>=2']);
  });
  it('reads go.sum once per module version', () => {
    const r = packagesFromGoSum('golang.org/x/net v0.7.0 h1:abc=\ngolang.org/x/net v0.7.0/go.mod h1:def=\n', 'go.sum');
    expect(r.packages).toEqual([{ name: 'golang.org/x/net', version: 'v0.7.0', ecosystem: 'Go' }]);
  });
  it('reads pom.xml dependencies, resolving properties, and refuses DTDs', () => {
    const pom =
      '<project><version>1.0</version><properties><log4j.version>2.14.1</log4j.version></properties><dependencies>\n<dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${log4j.version}</version></dependency>\n<dependency><groupId>x</groupId><artifactId>y</artifactId></dependency></dependencies></project>';
    const r = packagesFromPom(pom, 'pom.xml');
    expect(r.packages).toMatchObject([{ name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', ecosystem: 'Maven' }]);
    expect(r.skipped[0]).toMatch(/^pom.xml:3: x:y has no resolvable version/);
    expect(() => packagesFromPom('<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><project/>', 'evil.xml')).toThrow(/DOCTYPE\/ENTITY/);
  });
});

describe('inventory diff', () => {
  it('names added, removed and changed packages', () => {
    const before = [
      { name: 'a', version: '1', ecosystem: 'npm' },
      { name: 'b', version: '1', ecosystem: 'npm' },
    ];
    const after = [
      { name: 'a', version: '2', ecosystem: 'npm' },
      { name: 'c', version: '1', ecosystem: 'npm' },
    ];
    expect(diffPackages(before, after)).toEqual({
      added: [{ ecosystem: 'npm', name: 'c', version: '1' }],
      removed: [{ ecosystem: 'npm', name: 'b', version: '1' }],
      changed: [{ ecosystem: 'npm', name: 'a', from: '1', to: '2' }],
    });
  });
});
