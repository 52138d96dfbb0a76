import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDomainExposure, type DomainArgs } from '../../../src/cli/assess-domains.js';
import { loadAssessSettings } from '../../../src/daemon/assess/assess-config.js';
import type { FactSet } from '../../../src/daemon/assess/fact.js';
import { ASSETS, AUDIT } from '../../../src/daemon/collections.js';
import { assetsModule, type Asset } from '../../../src/daemon/scan/assets.js';
import { Store } from '../../../src/daemon/store/store.js';
import type { AuditEntry } from '../../../src/shared/triage.js';
import { startDnsServer } from '../../support/dns-server.js';
import { startTestDaemon } from '../../support/daemon.js';

/**
 * `assess run`'s domain exposure as configured: domains from assets[].domains, the resolver from
 * assess.dns.resolver (or --resolver), and the addresses found recorded in the asset inventory.
 */
describe('domain exposure from the config, feeding the asset inventory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-domain-inv-'));
  const dataDir = join(dir, 'data');
  const configFile = join(dir, 'socdeck.yaml');
  let configured: Awaited<ReturnType<typeof startDnsServer>>;
  let other: Awaited<ReturnType<typeof startDnsServer>>;
  const ASSET_YAML = [
    'assets:',
    '  - name: acme-web',
    '    customer: acme',
    '    hosts: [127.0.0.1]',
    '    domains: [example.test]',
    '  - name: other-web',
    '    customer: other',
    '    domains: [other.test]',
  ];
  const run = async (extra: Partial<DomainArgs> = {}): Promise<FactSet> => {
    const set: FactSet = { facts: [], problems: [] };
    await addDomainExposure({ config: configFile, 'data-dir': dataDir, exposure: true, customer: 'acme', ...extra } as DomainArgs, set);
    return set;
  };
  const storeAssets = async (): Promise<{ assets: Asset[]; audit: AuditEntry[] }> => {
    const store = await Store.open(dataDir);
    try {
      return { assets: store.values<Asset>(ASSETS), audit: store.values<AuditEntry>(AUDIT) };
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    configured = await startDnsServer([
      { name: 'example.test', type: 'A', data: '127.0.0.1' },
      { name: 'www.example.test', type: 'A', data: '127.0.0.1' },
      { name: 'portal.example.test', type: 'A', data: '203.0.113.5' },
      { name: 'api.example.test', type: 'A', data: '127.0.0.3' },
    ]);
    // The resolver --resolver names instead: it knows another address for portal.
    other = await startDnsServer([{ name: 'portal.example.test', type: 'A', data: '203.0.113.7' }]);
    writeFileSync(configFile, [...ASSET_YAML, 'assess:', '  dns:', `    resolver: "${configured.address}"`, 'scan:', '  scope:', '    allow: [127.0.0.0/8]', ''].join('\n'));
  });
  afterAll(async () => {
    await configured?.stop();
    await other?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("asks assess.dns.resolver about the customer's asset domains only, and records new addresses as discovered assets", async () => {
    const set = await run();
    expect(configured.queries).toContain('A portal.example.test');
    expect(configured.queries.some((q) => q.includes('other.test'))).toBe(false);
    // 203.0.113.5 is outside scan.scope: recorded, never probed
    expect(set.facts.some((f) => f.origin.includes('203.0.113.5'))).toBe(false);
    const { assets, audit } = await storeAssets();
    const found = assets.filter((a) => a.tags.includes('discovered')).sort((a, b) => a.name.localeCompare(b.name));
    expect(found).toEqual([
      {
        name: 'discovered/acme/127.0.0.3',
        customer: 'acme',
        hosts: ['127.0.0.3'],
        cidrs: [],
        domains: [],
        urls: [],
        owner: 'assess',
        business: 'found behind example.test',
        tags: ['discovered', 'domain:example.test', 'name:api.example.test'],
      },
      {
        name: 'discovered/acme/203.0.113.5',
        customer: 'acme',
        hosts: ['203.0.113.5'],
        cidrs: [],
        domains: [],
        urls: [],
        owner: 'assess',
        business: 'found behind example.test',
        tags: ['discovered', 'domain:example.test', 'name:portal.example.test'],
      },
    ]);
    // 127.0.0.1 is already the acme-web asset's host: not new
    expect(assets.some((a) => a.name === 'discovered/acme/127.0.0.1')).toBe(false);
    expect(
      audit
        .filter((e) => e.action === 'assets.discover')
        .map((e) => e.target.id)
        .sort(),
    ).toEqual(['discovered/acme/127.0.0.3', 'discovered/acme/203.0.113.5']);
    expect(set.problems).toContainEqual({ origin: 'assets', message: 'discovered/acme/203.0.113.5 recorded in the asset inventory (tagged discovered)' });
  }, 60_000);

  it('records nothing twice; --resolver overrides the config and --domain the asset domains', async () => {
    await run();
    const before = await storeAssets();
    expect(before.assets.filter((a) => a.tags.includes('discovered'))).toHaveLength(2);
    expect(before.audit).toHaveLength(2);
    await run({ resolver: other.address, domain: ['Example.TEST.'] });
    expect(other.queries).toContain('A portal.example.test');
    const after = await storeAssets();
    expect(after.assets.find((a) => a.name === 'discovered/acme/203.0.113.7')?.tags).toEqual(['discovered', 'domain:example.test', 'name:portal.example.test']);
  }, 60_000);

  it('a daemon restarted on the data dir keeps the discovered assets; while it runs, the CLI leaves its store alone', async () => {
    const d = await startTestDaemon({ dataDir, configFile, modules: [assetsModule] });
    try {
      expect(
        d.daemon.store
          .values<Asset>(ASSETS)
          .map((a) => a.name)
          .sort(),
      ).toEqual(['acme-web', 'discovered/acme/127.0.0.3', 'discovered/acme/203.0.113.5', 'discovered/acme/203.0.113.7', 'other-web']);
      const set = await run();
      expect(set.problems).toContainEqual({ origin: 'assets', message: 'a daemon holds the data dir: 4 discovered address(es) not recorded in the asset inventory' });
    } finally {
      await d.stop();
    }
  }, 60_000);

  it('validates the assess section with file and line', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, ['assess:', '  dns:', '    resolver: "10.0.0.2:99999"', ''].join('\n'));
    expect(() => loadAssessSettings(bad)).toThrow(`${bad}:3: assess.dns.resolver: expected HOST:PORT`);
    writeFileSync(bad, ['assess:', '  dns:', '    server: 10.0.0.2', ''].join('\n'));
    expect(() => loadAssessSettings(bad)).toThrow(`${bad}:2: assess.dns: Unrecognized key: "server"`);
    expect(loadAssessSettings(configFile).assess.dns.resolver).toBe(configured.address);
  });
});
