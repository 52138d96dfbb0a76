import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/daemon/logger.js';
import { PROTOCOL_VERSION } from '../../src/shared/protocol.js';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';
import { makeAlert } from '../unit/triage/make-alert.js';

/**
 * Attacks 2 and 7 of issue 25: a client that stops reading and floods alerts.list made the
 * daemon queue 3.4 GB; idle sockets that never said hello locked everyone out; 15 MiB frames
 * were buffered whole. Each test fails on the code before the per-client limits.
 */
const BUDGET = 4 * 1024 * 1024;
const logLines: string[] = [];
let td: TestDaemon;

beforeAll(async () => {
  td = await startTestDaemon({
    log: createLogger({ level: 'warn', sink: (l) => logLines.push(l) }),
    configOverrides: { daemon: { clientByteBudget: BUDGET, sendBufferCap: 256 * 1024, maxInFlightPerClient: 4, helloTimeoutMs: 300, maxClientsPerIp: 6 } },
  });
  const alerts = Array.from({ length: 3000 }, (_, i) => makeAlert(i, { title: `probe ${'x'.repeat(200)} ${i}` }));
  await td.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
});
afterAll(async () => {
  await td.stop();
});

function open(): Promise<WebSocket> {
  const ws = new WebSocket(td.url, { headers: { authorization: `Bearer ${td.daemon.token}` } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(new Error(`HTTP ${res.statusCode} ${body}`)));
    });
    ws.once('error', reject);
  });
}

const closed = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

async function hello(ws: WebSocket): Promise<void> {
  const reply = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.send(JSON.stringify({ type: 'req', id: 0, method: 'hello', params: { protocolVersion: PROTOCOL_VERSION, client: 'attacker', actor: 'mallory' } }));
  await reply;
}

async function until(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !pred(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!pred()) throw new Error(`gave up waiting for ${what}`);
}

describe('per-client limits', () => {
  it('cuts off a client that floods alerts.list without reading, and keeps serving the others', async () => {
    const before = td.daemon.status().clients;
    const ws = await open();
    await hello(ws);
    const gone = closed(ws);
    // Stop reading: replies pile up in the daemon's send buffer, as with a hung client.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 300; i++) ws.send(JSON.stringify({ type: 'req', id: i + 1, method: 'alerts.list', params: { limit: 10_000 } }));
    await until(() => logLines.some((l) => l.includes('client cut off') && l.includes('not reading')), 'the cut-off in the log');
    await until(() => td.daemon.status().clients === before, 'the connection to be dropped');
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const { code } = await gone;
    expect([1008, 1006]).toContain(code);

    const ok = await td.connect('alice');
    const list = await ok.request('alerts.list', { limit: 5 });
    expect(list.alerts).toHaveLength(5);
  });

  it('answers busy past the in-flight cap instead of queueing work', async () => {
    const ws = await open();
    await hello(ws);
    const replies: { type: string; error?: { code: string } }[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString()) as (typeof replies)[number]));
    const records = [{ time: '2026-03-03T03:03:03Z', priority: 'Notice', rule: 'r', output: 'o', hostname: 'h', output_fields: {} }];
    for (let i = 0; i < 20; i++) ws.send(JSON.stringify({ type: 'req', id: i + 1, method: 'alerts.ingest', params: { source: 'flood', records } }));
    await until(() => replies.length === 20, '20 replies');
    expect(replies.filter((r) => r.type === 'err' && r.error?.code === 'busy').length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.type === 'res').length).toBeGreaterThanOrEqual(4);
    ws.close();
  });

  it('closes a socket that never says hello, so idle sockets cannot hold every slot', async () => {
    const ws = await open();
    const { code, reason } = await closed(ws);
    expect(code).toBe(1008);
    expect(reason).toMatch(/no hello within 300 ms/);
  });

  it('refuses more connections from one address than maxClientsPerIp, naming the limit', async () => {
    const held: WebSocket[] = [];
    try {
      let refusal: Error | undefined;
      for (let i = 0; i < 8 && !refusal; i++) {
        try {
          const ws = await open();
          await hello(ws);
          held.push(ws);
        } catch (err) {
          refusal = err as Error;
        }
      }
      expect(refusal?.message).toMatch(/HTTP 503 .*maxClientsPerIp/);
      expect(td.daemon.status().clients).toBeLessThanOrEqual(6);
    } finally {
      for (const ws of held) ws.close();
    }
  });

  it('closes on a 15 MiB frame at its header instead of buffering it', async () => {
    await until(() => td.daemon.status().clients <= 1, 'earlier sockets to close');
    const ws = await open();
    await hello(ws);
    const gone = closed(ws);
    ws.send(Buffer.alloc(15 * 1024 * 1024, 0x20));
    expect((await gone).code).toBe(1009);
  });
});
