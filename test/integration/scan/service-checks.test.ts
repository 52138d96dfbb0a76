import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeOpenPorts } from '../../../src/daemon/scan/probe-ports.js';
import { tempDir } from '../../support/daemon.js';
import { hasBinary } from './loopback-services.js';

const closers: (() => void)[] = [];
afterAll(() => closers.forEach((c) => c()));

async function started(s: Server): Promise<number> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  closers.push(() => s.close());
  return (s.address() as AddressInfo).port;
}

/** A line-protocol server: each request line gets the answer `reply` gives, or the connection closes. */
function lineServer(reply: (line: string) => string | undefined, closeAfter = false): Server {
  return createServer((sock) => {
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        const out = reply(line);
        if (out === undefined) return sock.destroy();
        sock.write(out);
        if (closeAfter) sock.end();
      }
    });
    sock.on('error', () => {});
  });
}

const json =
  (routes: Record<string, unknown>): RequestListener =>
  (req, res) => {
    const body = routes[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

const opts = { bannerWaitMs: 150, probeTimeoutMs: 1000, concurrency: 4, now: Date.now(), checks: true };
const checksOn = async (port: number) => (await probeOpenPorts([{ host: '127.0.0.1', port }], opts))[0]!;
const ids = (r: Awaited<ReturnType<typeof checksOn>>) => r.hits.map((h) => h.check.id);

describe('service checks against small fake servers on loopback', () => {
  it('memcached answering stats', async () => {
    const port = await started(lineServer((l) => (l === 'version' ? 'VERSION 1.6.21\r\n' : l === 'stats' ? 'STAT pid 4242\r\nSTAT version 1.6.21\r\nEND\r\n' : 'ERROR\r\n')));
    const r = await checksOn(port);
    expect(r.port).toMatchObject({ service: 'memcached', version: '1.6.21' });
    expect(r.hits).toEqual([expect.objectContaining({ check: expect.objectContaining({ id: 'memcached-stats' }), hit: { evidence: 'stats answered: pid 4242, version 1.6.21' } })]);
  });

  it('ZooKeeper answering four-letter words', async () => {
    const zk = (l: string) =>
      l === 'srvr' || l === 'stat' ? 'Zookeeper version: 3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC\nClients:\nMode: standalone\nNode count: 5\n' : undefined;
    const port = await started(lineServer(zk, true));
    const r = await checksOn(port);
    expect(r.port).toMatchObject({ service: 'zookeeper', product: 'ZooKeeper' });
    expect(ids(r)).toEqual(['zookeeper-stat']);
    expect(r.hits[0]!.hit.evidence).toContain('Mode: standalone');
  });

  it.each([
    {
      name: 'Elasticsearch /',
      routes: { '/': { name: 'n1', cluster_name: 'prod-logs', version: { number: '7.17.9' }, tagline: 'You Know, for Search' } },
      id: 'elasticsearch-open',
      evidence: /cluster_name prod-logs, version 7\.17\.9/,
    },
    { name: 'Docker API /version', routes: { '/version': { Version: '24.0.7', ApiVersion: '1.43' } }, id: 'docker-api-open', evidence: /Docker 24\.0\.7, API 1\.43/ },
    { name: 'etcd /version', routes: { '/version': { etcdserver: '3.5.12', etcdcluster: '3.5.0' } }, id: 'etcd-open', evidence: /etcdserver 3\.5\.12/ },
  ])('$name answering without credentials', async ({ routes, id, evidence }) => {
    const port = await started(createHttpServer(json(routes)) as unknown as Server);
    const r = await checksOn(port);
    expect(r.port.service).toBe('http');
    const hit = r.hits.find((h) => h.check.id === id);
    expect(hit?.hit.evidence).toMatch(evidence);
  });

  it('web checks: .env, directory listing, missing headers, version disclosure; none on a hardened server', async () => {
    const leaky = await started(
      createHttpServer((req, res) => {
        if (req.url === '/.env') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('APP_KEY=base64:abc\nDB_PASSWORD=hunter2\n');
        if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html', server: 'Apache/2.4.41 (Ubuntu)' }).end('<html><head><title>Index of /</title></head></html>');
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>not found</html>');
      }) as unknown as Server,
    );
    const r = await checksOn(leaky);
    expect(ids(r).sort()).toEqual(['web-directory-listing', 'web-env-exposed', 'web-security-headers', 'web-version-disclosure']);
    const env = r.hits.find((h) => h.check.id === 'web-env-exposed')!.hit;
    expect(env.evidence).not.toContain('base64:abc');
    expect(env.url).toBe(`http://127.0.0.1:${leaky}/.env`);

    const hardened = await started(
      createHttpServer((_req, res) => {
        // A catch-all app answers 200 with HTML for every path, including /.env: not a leak.
        res
          .writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'", 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', server: 'nginx' })
          .end('<html><title>shop</title></html>');
      }) as unknown as Server,
    );
    expect(ids(await checksOn(hardened))).toEqual([]);
  });

  it.skipIf(!hasBinary('openssl'))('weak TLS: a self-signed, expired certificate', async () => {
    const dir = tempDir('socdeck-tls-');
    const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=selfsigned.test'], {
      stdio: 'ignore',
    });
    expect(gen.status).toBe(0);
    const srv = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>tls</title>'),
    );
    const port = await started(srv as unknown as Server);
    const inTwoDays = Date.now() + 2 * 86_400_000;
    const [r] = await probeOpenPorts([{ host: '127.0.0.1', port }], { ...opts, now: inTwoDays });
    expect(r!.port.service).toBe('https');
    const tls = r!.hits.find((h) => h.check.id === 'weak-tls')!.hit.evidence;
    expect(tls).toMatch(/certificate expired/);
    expect(tls).toMatch(/self-signed certificate \(subject selfsigned\.test\)/);
  });
});
