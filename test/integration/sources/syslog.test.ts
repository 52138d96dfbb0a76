import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import type { QuarantineEntry } from '../../../src/shared/protocol.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { eveLine, quietOthers, waitFor } from './helpers.js';
import { ALERTS, QUARANTINE } from '../../../src/daemon/collections.js';

/** A port that was free a moment ago (the source config needs a number). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

let d: TestDaemon;
let port: number;
const rules = () => d.daemon.store.values<Alert>(ALERTS).map((a) => a.ruleId);

beforeAll(async () => {
  port = await freePort();
  d = await startTestDaemon({
    configOverrides: { ...quietOthers(), ingest: { sources: [{ name: 'sys', kind: 'syslog', udpPort: port, tcpPort: port, flushMs: 10, maxMessageBytes: 4096 }] } },
  });
});
afterAll(() => d.stop());

describe('syslog source', () => {
  it('takes RFC 5424 and RFC 3164 messages over UDP', async () => {
    const udp = createSocket('udp4');
    const send = (msg: string) => new Promise<void>((resolve, reject) => udp.send(msg, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    await send(`<165>1 2026-05-01T00:00:00.000Z sensor-1 suricata 412 - [meta x="1"] ${eveLine(601)}`);
    await send(`<13>May  1 00:00:00 sensor-2 suricata[412]: ${eveLine(602)}`);
    udp.close();
    await waitFor('2 UDP alerts', () => rules().includes('601') && rules().includes('602'));
  });

  it('takes octet-counted and newline-framed messages over TCP, split across writes, and quarantines bad payloads', async () => {
    const m1 = `<165>1 2026-05-01T00:00:00Z h app - - - ${eveLine(611)}`;
    const m2 = `<13>May  1 00:00:00 h app: ${eveLine(612)}`;
    const bad = '<13>May  1 00:00:00 h app: {"not":"an alert"';
    const huge = `<13>May  1 00:00:00 h app: ${'x'.repeat(10_000)}`;
    const m3 = `<165>1 2026-05-01T00:00:00Z h app - - - ${eveLine(613)}`;
    const stream = `${Buffer.byteLength(m1)} ${m1}${m2}\n${bad}\n${huge}\n${Buffer.byteLength(m3)} ${m3}`;
    const sock = connect(port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    for (let i = 0; i < stream.length; i += 333) {
      sock.write(stream.slice(i, i + 333));
      await new Promise((r) => setTimeout(r, 2));
    }
    sock.end();
    await waitFor('3 TCP alerts', () => ['611', '612', '613'].every((r) => rules().includes(r)));
    await waitFor('2 quarantined', () => d.daemon.store.values<QuarantineEntry>(QUARANTINE).filter((q) => q.source === 'sys').length === 2);
    const reasons = d.daemon.store.values<QuarantineEntry>(QUARANTINE).map((q) => q.reason);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^invalid JSON/), expect.stringMatching(/over the 4096-byte cap/)]));
    await waitFor('status', () => d.daemon.status().sources.some((s) => s.name === 'sys' && s.kind === 'syslog' && s.ingested >= 5));
  });
});
