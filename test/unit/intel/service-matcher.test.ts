import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedPath } from '../../../src/daemon/intel/feeds/offline-import.js';
import { ServiceVulnMatcher } from '../../../src/daemon/intel/service-matcher.js';
import { serviceIdentity } from '../../../src/daemon/scan/service-identity.js';
import { Store } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));

describe('service versions × NVD CPE ranges', () => {
  let dir: string;
  let store: Store;
  let matcher: ServiceVulnMatcher;
  beforeAll(async () => {
    dir = tempDir('socdeck-svc-match-');
    store = await Store.open(join(dir, 'state'));
    expect(ServiceVulnMatcher.fromStore(store)).toBeUndefined();
    await importFeedPath(store, fixture('scan/nvd/'));
    await importFeedPath(store, fixture('intel/feeds/known_exploited_vulnerabilities.json'));
    matcher = ServiceVulnMatcher.fromStore(store)!;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const vulnsOf = (banner: string) => matcher.match(serviceIdentity({ banner })!).map((v) => v.vuln);

  it.each([
    { banner: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13', want: ['CVE-2024-6387'], why: 'inside >=8.6, <9.8' },
    { banner: 'SSH-2.0-OpenSSH_8.6p1', want: ['CVE-2024-6387'], why: 'the lower bound is inclusive' },
    { banner: 'SSH-2.0-OpenSSH_8.5p1', want: ['CVE-2024-6387'], why: 'the exact 8.5:p1 entry' },
    { banner: 'SSH-2.0-OpenSSH_4.3p2', want: ['CVE-2024-6387'], why: 'below 4.4' },
    { banner: 'SSH-2.0-OpenSSH_9.8p1', want: [], why: '9.8p1 is the fix, not a pre-release of 9.8' },
    { banner: 'SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5', want: [], why: '8.2p1 predates the regression' },
    { banner: 'SSH-2.0-OpenSSH_8.5', want: [], why: 'the exact entry names 8.5p1, not 8.5' },
    { banner: 'SSH-2.0-OpenSSH_4.4p1', want: [], why: 'the exact entry 4.4:- is OpenBSD 4.4 without a portable suffix' },
    { banner: 'Server: Apache/2.4.49 (Unix)', want: ['CVE-2021-41773'], why: 'the exact 2.4.49 entry' },
    { banner: 'Server: Apache/2.4.50 (Unix)', want: [], why: 'not 2.4.49' },
    { banner: 'Server: nginx/1.18.0', want: [], why: 'no nginx record in the fixture: never invented' },
  ])('$banner → $want ($why)', ({ banner, want }) => {
    expect(vulnsOf(banner)).toEqual(want);
  });

  it('severity and evidence come from the records: CVSS, and KEV raising it', () => {
    const [ssh] = matcher.match(serviceIdentity({ banner: 'SSH-2.0-OpenSSH_9.6p1' })!);
    expect(ssh).toMatchObject({ vuln: 'CVE-2024-6387', severity: 'high', kev: false, matched: 'openbsd:openssh >=8.6, <9.8' });
    expect(ssh!.severityReason).toBe('CVSS 3.1 8.1 → high');
    expect(ssh!.summary).toMatch(/^A security regression \(CVE-2006-5051\)/);
    const [httpd] = matcher.match(serviceIdentity({ banner: 'Server: Apache/2.4.49' })!);
    expect(httpd).toMatchObject({ vuln: 'CVE-2021-41773', severity: 'critical', kev: true, matched: 'apache:http_server =2.4.49' });
    expect(httpd!.severityReason).toBe('CVSS 3.1 7.5 → high; in CISA KEV → critical');
  });

  it('matches the vendor as well as the product name', () => {
    expect(matcher.match({ cpe: ['oracle:http_server'], version: '2.4.49' })).toEqual([]);
  });
});
