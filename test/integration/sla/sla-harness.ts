import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach } from 'vitest';
import { tempDir } from '../../support/daemon.js';

/** Polls until check() returns a value; bounded, so a broken daemon fails the test instead of hanging. */
export async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, tries = 2000): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    await sleep(10);
  }
  throw new Error(`gave up waiting for ${what}`);
}

export interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP receiver on 127.0.0.1 that records every request and answers with `reply`. */
export async function startReceiver(
  reply: (r: Received) => { status: number; body: string } = () => ({ status: 200, body: 'ok' }),
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const out = reply(r);
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Suricata EVE alert record timed at `at`, as a sensor would send it. */
export function suricataAlert(at: number, signatureId: number): Record<string, unknown> {
  return {
    timestamp: new Date(at).toISOString().replace('Z', '+0000'),
    event_type: 'alert',
    src_ip: '198.51.100.7',
    src_port: 40000 + signatureId,
    dest_ip: '127.0.0.1',
    dest_port: 80,
    proto: 'TCP',
    host: 'web-01',
    alert: { action: 'allowed', gid: 1, signature_id: signatureId, rev: 1, signature: `ET TEST signature ${signatureId}`, category: 'Attempted User Privilege Gain', severity: 1 },
  };
}

/** One SLA policy for every alert on the cn calendar, 30 business minutes to respond. */
export function alertPolicy(escalation: unknown[] = []): Record<string, unknown> {
  return { name: 'alerts-cn', kinds: ['alert'], calendar: 'cn', responseMinutes: 30, resolutionMinutes: 300, escalation };
}

/**
 * Config overrides for SLA tests: other subsystems' start-up work stays small (no demo leak
 * repo; an empty playbook folder instead of one git query per shipped playbook).
 */
export function quiet(overrides: Record<string, unknown>): Record<string, unknown> {
  const playbooks = tempDir('socdeck-sla-playbooks-');
  madeDirs.push(playbooks);
  return { leaks: { demo: { enabled: false } }, playbooks: { dir: playbooks, watch: false, initGit: true }, ...overrides };
}

const madeDirs: string[] = [];
afterAll(() => {
  for (const d of madeDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Stoppable {
  stop?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Stops what each test started (last started, first stopped) and clears the secret variables it
 * set, so a failing test cannot leave a daemon or receiver behind for the next one.
 */
export function stopAfterEach(envVars: readonly string[] = []): <T extends Stoppable>(x: T) => T {
  const open: Stoppable[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await (x.stop ? x.stop() : x.close?.());
    for (const v of envVars) delete process.env[v];
  });
  return (x) => {
    open.push(x);
    return x;
  };
}
