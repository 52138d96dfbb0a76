import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));

/** A server-first service that greets with `banner` (changeable between scans) and hangs up. */
async function greeter(initial: string): Promise<{ port: number; set(b: string): void; server: Server }> {
  let banner = initial;
  const server = createServer((sock) => {
    sock.on('error', () => {});
    sock.end(`${banner}\r\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, set: (b) => (banner = b), server };
}

describe('system-vulnerability scan: service versions from banners × intel feeds', () => {
  let d: TestDaemon;
  let c: SocdeckClient;
  const servers: Server[] = [];
  let ssh: Awaited<ReturnType<typeof greeter>>;
  let oldSsh: Awaited<ReturnType<typeof greeter>>;
  let httpPort: number;
  const scan = async (...ports: number[]) => c.request('scan.run', { targets: ['127.0.0.1'], ports: ports.join(','), wait: true });
  const vulnFindings = async () => (await c.request('findings.list', {})).findings.filter((f) => f.checkId.startsWith('service-vuln:'));

  beforeAll(async () => {
    d = await startTestDaemon({ configOverrides: { assets: [], scan: { schedules: [], bannerWaitMs: 300, probeTimeoutMs: 1500 } } });
    c = await d.connect('analyst1');
    ssh = await greeter('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13');
    oldSsh = await greeter('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5');
    const http = createHttpServer((_req, res) => res.writeHead(200, { server: 'Apache/2.4.49 (Unix)', 'content-type': 'text/html' }).end('<html><title>intranet</title></html>'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    httpPort = (http.address() as AddressInfo).port;
    servers.push(ssh.server, oldSsh.server, http as unknown as Server);
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await d.stop();
  });

  it('without feed data there is nothing to match: no finding is invented', async () => {
    const run = await scan(ssh.port, httpPort);
    expect(run.state).toBe('done');
    expect(await vulnFindings()).toEqual([]);
  });

  it('after importing NVD records and KEV, vulnerable versions become findings with CVE ids', async () => {
    expect((await c.request('intel.import', { path: fixture('scan/nvd/') })).errors).toEqual([]);
    expect((await c.request('intel.import', { path: fixture('intel/feeds/known_exploited_vulnerabilities.json') })).errors).toEqual([]);
    const run = await scan(ssh.port, oldSsh.port, httpPort);
    const found = await vulnFindings();
    expect(found.map((f) => [f.port, f.checkId, f.severity]).sort()).toEqual(
      [
        [httpPort, 'service-vuln:CVE-2021-41773', 'critical'],
        [ssh.port, 'service-vuln:CVE-2024-6387', 'high'],
      ].sort(),
    );
    const regresshion = found.find((f) => f.port === ssh.port)!;
    expect(regresshion).toMatchObject({ title: `OpenSSH 9.6p1 on 127.0.0.1:${ssh.port} → CVE-2024-6387`, remediationId: 'service-vuln', status: 'new', source: 'socdeck' });
    expect(regresshion.evidence).toContain('banner "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13" → openbsd:openssh >=8.6, <9.8 in CVE-2024-6387');
    expect(regresshion.evidence).toContain('CVSS 3.1 8.1 → high');
    expect(regresshion.evidence).toContain('distribution build');
    const traversal = found.find((f) => f.port === httpPort)!;
    expect(traversal.evidence).toContain('apache:http_server =2.4.49 in CVE-2021-41773 (CISA KEV)');
    expect(traversal.evidence).toContain('in CISA KEV → critical');
    expect(run.findings.new).toEqual(expect.arrayContaining([regresshion.id, traversal.id]));
    // The OpenSSH client cannot log in to a greeter that hangs up: skipped with a reason, not "no finding".
    expect(run.checksSkipped).toEqual(expect.arrayContaining([expect.objectContaining({ port: ssh.port, checkId: 'ssh-password-auth', reason: expect.stringMatching(/^ssh gave no method list/) })]));
    const plan = (await c.request('finding.plan', { id: regresshion.id, lang: 'zh-CN' })).markdown;
    expect(plan).toContain('CVE-2024-6387');
    expect(plan).toContain('回移');
  });

  it('ids are stable across scans; an upgrade is verified fixed, a hidden version decides nothing', async () => {
    const before = (await vulnFindings()).find((f) => f.port === ssh.port)!;
    await scan(ssh.port);
    expect((await c.request('finding.get', { id: before.id })).status).toBe('confirmed');

    ssh.set('SSH-2.0-SSHServer');
    expect((await c.request('finding.verify', { id: before.id })).finding.status).toBe('confirmed');

    ssh.set('SSH-2.0-OpenSSH_9.8p1 Ubuntu-1');
    const fixed = await c.request('finding.verify', { id: before.id });
    expect(fixed.finding.status).toBe('fixed');
    expect(fixed.scan.findings.fixed).toEqual([before.id]);
    // The other CVE finding (another port) was outside that verification run.
    expect((await vulnFindings()).find((f) => f.port === httpPort)!.status).toBe('new');
  });
});
