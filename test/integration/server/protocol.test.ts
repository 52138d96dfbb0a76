import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AlertFeed } from '../../../src/client/alert-feed.js';
import type { Alert } from '../../../src/shared/alert.js';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol.js';
import { sharedTestDaemon } from '../../support/daemon.js';

const SURICATA = {
  timestamp: '2022-07-10T23:50:05.533101+0000',
  flow_id: 1258832998001901,
  event_type: 'alert',
  src_ip: '10.1.2.3',
  src_port: 52812,
  dest_ip: '127.0.0.1',
  dest_port: 80,
  proto: 'TCP',
  alert: { action: 'allowed', gid: 1, signature_id: 2024468, rev: 3, signature: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection', category: 'Attempted User Privilege Gain', severity: 1 },
};

const d = sharedTestDaemon();

/** A bare socket that records every frame, for poking the daemon with what real clients never send. */
async function rawSocket(token: string | undefined): Promise<{ ws: WebSocket; next(): Promise<Record<string, unknown>>; send(s: string | Buffer): void }> {
  const ws = new WebSocket(d.url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const queue: Record<string, unknown>[] = [];
  const waiters: ((f: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as Record<string, unknown>;
    const w = waiters.shift();
    if (w) w(f);
    else queue.push(f);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return {
    ws,
    send: (s) => ws.send(s),
    next: () => new Promise((resolve) => (queue.length ? resolve(queue.shift()!) : waiters.push(resolve))),
  };
}

describe('WebSocket contract', () => {
  it('refuses an upgrade without the token, and with a wrong one', async () => {
    await expect(rawSocket(undefined)).rejects.toThrow('HTTP 401');
    await expect(rawSocket('x'.repeat(64))).rejects.toThrow('HTTP 401');
  });

  it('requires hello before any other request', async () => {
    const s = await rawSocket(d.daemon.token);
    s.send(JSON.stringify({ type: 'req', id: 1, method: 'daemon.status' }));
    expect(await s.next()).toMatchObject({ type: 'err', id: 1, error: { code: 'handshake_required' } });
    s.ws.close();
  });

  it('answers bad JSON, a bad envelope, an unknown method, bad params and an oversize frame with err, and stays usable', async () => {
    const s = await rawSocket(d.daemon.token);
    s.send(JSON.stringify({ type: 'req', id: 1, method: 'hello', params: { protocolVersion: PROTOCOL_VERSION, client: 'raw', actor: 'alice' } }));
    expect(await s.next()).toMatchObject({ type: 'res', id: 1, result: { protocolVersion: PROTOCOL_VERSION } });

    s.send('{not json');
    expect(await s.next()).toMatchObject({ type: 'err', id: null, error: { code: 'bad_frame' } });
    s.send(JSON.stringify({ type: 'req', id: 2 }));
    expect(await s.next()).toMatchObject({ type: 'err', id: 2, error: { code: 'bad_frame' } });
    s.send(JSON.stringify({ type: 'req', id: 3, method: 'alerts.explode' }));
    expect(await s.next()).toMatchObject({ type: 'err', id: 3, error: { code: 'unknown_method' } });
    s.send(JSON.stringify({ type: 'req', id: 4, method: 'alerts.list', params: { limit: 'lots' } }));
    const bad = await s.next();
    expect(bad).toMatchObject({ type: 'err', id: 4, error: { code: 'invalid_params' } });
    expect(JSON.stringify(bad)).toContain('limit');
    s.send(Buffer.from(JSON.stringify({ type: 'req', id: 5, method: 'alerts.list', params: { pad: 'x'.repeat(1.5 * 1024 * 1024) } })));
    expect(await s.next()).toMatchObject({ type: 'err', id: null, error: { code: 'frame_too_large' } });
    s.send(JSON.stringify({ type: 'res', id: 6, result: 1 }));
    expect(await s.next()).toMatchObject({ type: 'err', id: 6, error: { code: 'bad_frame' } });

    s.send(JSON.stringify({ type: 'req', id: 7, method: 'daemon.status' }));
    expect(await s.next()).toMatchObject({ type: 'res', id: 7, result: { protocolVersion: PROTOCOL_VERSION } });
    s.ws.close();
  });

  it('refuses a client speaking another protocol version', async () => {
    const s = await rawSocket(d.daemon.token);
    s.send(JSON.stringify({ type: 'req', id: 1, method: 'hello', params: { protocolVersion: PROTOCOL_VERSION + 1, client: 'raw', actor: 'bob' } }));
    expect(await s.next()).toMatchObject({ type: 'err', id: 1, error: { code: 'version_mismatch' } });
    s.ws.close();
  });

  it('gives two clients the same deltas after their snapshots', async () => {
    const [a, b] = await Promise.all([d.connect('alice'), d.connect('bob')]);
    const seen = { a: new Map<string, Alert>(), b: new Map<string, Alert>() };
    const feedFor = (c: typeof a, into: Map<string, Alert>) =>
      new AlertFeed(c, {}, { snapshot: (rows) => rows.forEach((r) => into.set(r.id, r)), delta: (rows) => rows.forEach((r) => into.set(r.id, r)) });
    const fa = feedFor(a, seen.a);
    const fb = feedFor(b, seen.b);
    await Promise.all([fa.start(), fb.start()]);

    const ingester = await d.connect('sensor');
    const res = await ingester.request('alerts.ingest', { source: 'test', records: [SURICATA, { ...SURICATA, src_ip: '10.9.9.9' }] });
    expect(res.accepted).toBe(2);
    await ingester.request('alerts.ingest', { source: 'test', records: [SURICATA] });

    await expect.poll(() => seen.a.get(res.alertIds[0]!)?.count, { timeout: 5000 }).toBe(2);
    await expect.poll(() => seen.b.get(res.alertIds[0]!)?.count, { timeout: 5000 }).toBe(2);
    expect([...seen.a.keys()].sort()).toEqual([...seen.b.keys()].sort());
    expect(seen.a.get(res.alertIds[1]!)?.srcIp).toBe('10.9.9.9');
    fa.stop();
    fb.stop();
  });

  it('reports bad records in an ingest batch by index and quarantines them', async () => {
    const c = await d.connect();
    const res = await c.request('alerts.ingest', { source: 'test', records: [{ hello: 'world' }, SURICATA, 42] });
    expect(res.accepted).toBe(1);
    expect(res.rejected.map((r) => r.index)).toEqual([0, 2]);
    expect(d.daemon.store.count('quarantine')).toBeGreaterThanOrEqual(2);
  });

  it('serves /healthz without a token and /metrics, with a token only, in Prometheus text', async () => {
    const base = `http://127.0.0.1:${d.daemon.info.port}`;
    const health = (await (await fetch(`${base}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${d.daemon.token}` } })).text();
    expect(metrics).toMatch(/^socdeck_alerts_ingested_total \d+$/m);
    expect(metrics).toMatch(/^# TYPE socdeck_journal_fsync_seconds_sum counter$/m);
    expect((await fetch(`${base}/anything`)).status).toBe(401);
  });
});
