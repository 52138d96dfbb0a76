import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../../../src/daemon/assess/domain/dns-lookup.js';
import { ctNames } from '../../../src/daemon/assess/domain/ct-export.js';
import { assessDomains, type ExposureResult } from '../../../src/daemon/assess/domain/domain-exposure.js';
import { runAssessment } from '../../../src/daemon/assess/engine.js';
import { loadRulePacks } from '../../../src/daemon/assess/rule-pack.js';
import { ScopeConfig } from '../../../src/daemon/scan/scope/scope-guard.js';
import { startDnsServer } from '../../support/dns-server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const hasOpenssl = spawnSync('sh', ['-c', 'command -v openssl']).status === 0;

function selfSigned(dir: string, name: string, days: number): { key: Buffer; cert: Buffer } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(days), '-subj', `/CN=${name}`], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('openssl req failed');
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

async function listen(srv: Server): Promise<number> {
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return (srv.address() as AddressInfo).port;
}

describe.skipIf(!hasOpenssl)('live domain exposure against a DNS server and TLS servers on loopback', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-domains-'));
  const servers: Server[] = [];
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let result: ExposureResult;
  let tlsPort: number;
  let adminPort: number;

  beforeAll(async () => {
    // A legacy server: certificate expiring in 10 days, TLS 1.0 still accepted.
    const legacy = createTlsServer({ ...selfSigned(dir, 'www.example.test', 10), minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (s) => s.end());
    servers.push(legacy);
    tlsPort = await listen(legacy);
    const admin = createTcpServer((s) => s.end());
    servers.push(admin);
    adminPort = await listen(admin);
    dns = await startDnsServer([
      { name: 'example.test', type: 'A', data: '127.0.0.1' },
      { name: 'example.test', type: 'TXT', data: ['v=spf1 ip4:127.0.0.1 +all'] },
      { name: 'example.test', type: 'MX', data: { preference: 10, exchange: 'mail.example.test' } },
      { name: 'example.test', type: 'NS', data: 'ns1.example.test' },
      { name: 'example.test', type: 'CAA', data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
      { name: 'www.example.test', type: 'A', data: '127.0.0.1' },
      { name: 'old.example.test', type: 'CNAME', data: 'gone-bucket.s3.amazonaws.com' },
      { name: 'shop.example.test', type: 'A', data: '127.0.0.2' },
      { name: 'portal.example.test', type: 'A', data: '203.0.113.5' },
      { name: 'wild.test', type: 'TXT', data: ['v=spf1 -all'] },
      { name: '_dmarc.wild.test', type: 'TXT', data: ['v=DMARC1; p=none'] },
      { name: '*.wild.test', type: 'A', data: '127.0.0.9' },
    ]);
    const ct = ctNames(readFileSync(join(ROOT, 'test/fixtures/assess/crtsh-example.test.json'), 'utf8'), 'crtsh.json', 'example.test');
    result = await assessDomains({
      domains: ['example.test', 'wild.test'],
      resolver: createResolver(dns.address),
      ctNames: { 'example.test': ct },
      commonNames: ['www', 'old', 'portal'],
      tlsPorts: [tlsPort],
      adminPorts: [adminPort],
      scope: ScopeConfig.parse({ allow: ['127.0.0.0/8'] }),
      timeoutMs: 3000,
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await dns?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const of = (kind: string) => result.facts.filter((f) => f.kind === kind).map((f) => f.data);

  it('reads names from the crt.sh export and resolves every record type through the configured resolver', () => {
    expect(ctNames(readFileSync(join(ROOT, 'test/fixtures/assess/crtsh-example.test.json'), 'utf8'), 'crtsh.json', 'example.test')).toEqual(['example.test', 'shop.example.test', 'www.example.test']);
    const types = new Set(
      of('dns_record')
        .filter((r) => r.name === 'example.test')
        .map((r) => r.type),
    );
    expect([...types].sort()).toEqual(['A', 'CAA', 'MX', 'NS', 'TXT']);
    expect(dns.queries).toContain('A shop.example.test');
    expect(result.problems).toEqual([]);
  });

  it('finds the dangling CNAME, the wildcard, and the SPF/DMARC gaps', () => {
    expect(of('dns_record').find((r) => r.type === 'CNAME')).toMatchObject({ name: 'old.example.test', value: 'gone-bucket.s3.amazonaws.com', resolves: false });
    expect(of('dns_record').some((r) => r.name === '*.wild.test' && r.value === '127.0.0.9')).toBe(true);
    expect(of('email_policy')).toEqual([
      { domain: 'example.test', spf: 'v=spf1 ip4:127.0.0.1 +all', dmarc: 'none', dmarcPolicy: 'missing' },
      { domain: 'wild.test', spf: 'v=spf1 -all', dmarc: 'v=DMARC1; p=none', dmarcPolicy: 'none' },
    ]);
  });

  it('shakes hands for real: the expiring certificate, TLS 1.0 accepted, the admin port; never outside the scope', () => {
    const certs = of('certificate');
    // shop.example.test (found only in the CT export) is 127.0.0.2, where nothing listens
    expect(certs.map((c) => c.host).sort()).toEqual(['example.test', 'www.example.test']);
    expect(result.discovered).toContainEqual({ domain: 'example.test', name: 'shop.example.test', address: '127.0.0.2', inScope: true });
    expect(certs.every((c) => c.port === tlsPort && Date.parse(String(c.notAfter)) - Date.now() < 11 * 86_400_000)).toBe(true);
    expect(of('tls_protocol').filter((t) => t.host === 'www.example.test')).toEqual([
      { host: 'www.example.test', port: tlsPort, version: 'TLSv1', accepted: true },
      { host: 'www.example.test', port: tlsPort, version: 'TLSv1.1', accepted: true },
    ]);
    expect(
      of('exposed_port')
        .map((p) => p.host)
        .sort(),
    ).toEqual(['example.test', 'www.example.test']);
    // 203.0.113.5 is outside scan.scope: reported for the inventory, never probed
    expect(result.discovered).toContainEqual({ domain: 'example.test', name: 'portal.example.test', address: '203.0.113.5', inScope: false });
    expect(result.facts.some((f) => f.origin.includes('203.0.113.5'))).toBe(false);
  });

  it('feeds the domain rules: every exposure above becomes a finding', () => {
    const rules = loadRulePacks(join(ROOT, 'config', 'assessment')).filter((r) => r.section === 'domain');
    const r = runAssessment(rules, result.facts, Date.now());
    const ids = r.sections
      .find((s) => s.id === 'domain')!
      .findings.map((f) => f.rule.id)
      .sort();
    expect(ids).toEqual(['DOM-001', 'DOM-002', 'DOM-003', 'DOM-005', 'DOM-006', 'DOM-007', 'DOM-008', 'DOM-009']);
  });
});
