import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../src/shared/protocol.js';
import { ALERTS, QUARANTINE } from '../../src/daemon/collections.js';
import { eveLine, quietOthers } from '../integration/sources/helpers.js';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';

/**
 * Attacks 4 and 7 of issue 25: one invalid UTF-8 byte on one line of an NDJSON
 * body rejected the whole body (0 stored); `/ingest/%E0%A4%A` answered 500. Both fail on the
 * code before the body was split into records first.
 */
let d: TestDaemon;
/** The webhook source's own token: user tokens do not open ingest. */
let token: string;

beforeAll(async () => {
  d = await startTestDaemon({
    configOverrides: { ...quietOthers(), ingest: { sources: [{ name: 'hook', kind: 'webhook', maxBodyBytes: 16 * 1024 * 1024 }] } },
  });
  token = await d.sourceToken('hook');
});
afterAll(() => d.stop());

const post = (path: string, body: Buffer) => fetch(`http://127.0.0.1:${d.daemon.info.port}/ingest/${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });

describe('webhook ingest integrity', () => {
  // The body had 20,000 lines with the bad one at 10,001; a quarter of it keeps the suite fast and tests the same thing.
  it('quarantines only the line with a bad byte, stores the other 4,999 and names the rejected index', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => Buffer.from(eveLine(i + 1, { flow_id: 5_000_000 + i }) + '\n'));
    // Line 2,501 gets a lone continuation byte inside its signature text.
    const bad = Buffer.from(eveLine(2_501, { flow_id: 5_010_000 }) + '\n');
    const at = bad.indexOf('test signature');
    lines[2_500] = Buffer.concat([bad.subarray(0, at), Buffer.from([0x80]), bad.subarray(at)]);
    const alertsBefore = d.daemon.store.count(ALERTS);
    const quarantinedBefore = d.daemon.store.count(QUARANTINE);

    const res = await post('hook', Buffer.concat(lines));
    const body = (await res.json()) as { accepted: number; rejected: { index: number; origin: string; reason: string }[] };
    expect(res.status).toBe(400);
    expect(body.accepted).toBe(4_999);
    expect(body.rejected).toEqual([{ index: 2_500, origin: 'webhook:hook:2501', reason: expect.stringMatching(/invalid UTF-8/) as string }]);
    expect(d.daemon.store.count(ALERTS) - alertsBefore).toBe(4_999);
    expect(d.daemon.store.count(QUARANTINE) - quarantinedBefore).toBe(1);
  });

  it('stores the other elements of a JSON array with one bad byte and rejects that index only', async () => {
    // Failed before: the whole array was one record, rejected for its one bad byte (0 stored).
    const bad = Buffer.from(eveLine(90_002, { flow_id: 5_020_001 }));
    const at = bad.indexOf('test signature');
    const body = Buffer.concat([
      Buffer.from(`[${eveLine(90_001, { flow_id: 5_020_000 })},\n `),
      bad.subarray(0, at),
      Buffer.from([0xff]),
      bad.subarray(at),
      Buffer.from(`, ${eveLine(90_003, { flow_id: 5_020_002 })}]`),
    ]);
    const alertsBefore = d.daemon.store.count(ALERTS);
    const res = await post('hook', body);
    const reply = (await res.json()) as { accepted: number; rejected: { index: number; origin: string; reason: string }[] };
    expect(res.status).toBe(400);
    expect(reply.accepted).toBe(2);
    expect(reply.rejected).toEqual([{ index: 1, origin: 'webhook:hook[1]', reason: expect.stringMatching(/^element invalid UTF-8/) as string }]);
    expect(d.daemon.store.count(ALERTS) - alertsBefore).toBe(2);
  });

  it('keeps the elements before the point where an array is cut off, and rejects the rest as one record', async () => {
    const res = await post('hook', Buffer.from(`[${eveLine(4, { flow_id: 5_030_000 })}, {"a": [1, 2`));
    const reply = (await res.json()) as { accepted: number; rejected: { index: number; origin: string; reason: string }[] };
    expect(res.status).toBe(400);
    expect(reply.accepted).toBe(1);
    expect(reply.rejected).toEqual([{ index: 1, origin: 'webhook:hook[1]', reason: expect.stringMatching(/^invalid JSON array: byte \d+: the array is not closed/) as string }]);
  });

  it('still rejects a broken single object as one record', async () => {
    const res = await post('hook', Buffer.concat([Buffer.from('{\n"a":"'), Buffer.from([0xff]), Buffer.from('"}')]));
    const body = (await res.json()) as { rejected: { index: number; reason: string }[] };
    expect(res.status).toBe(400);
    expect(body.rejected).toEqual([{ index: 0, origin: 'webhook:hook', reason: expect.stringMatching(/^body: invalid UTF-8/) as string }]);
  });

  it('answers a malformed percent-encoding in the path with 400, not 500', async () => {
    const res = await post('%E0%A4%A', Buffer.from('{}'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/percent-encoded/);
  });
});

describe('alerts.ingest over WebSocket', () => {
  it('quarantines a 100k-deep record alone and stores the rest of the batch', async () => {
    // Written as text: no JSON.stringify (ours or the client's) survives this depth.
    const deep = '{"a":'.repeat(100_000) + '{}' + '}'.repeat(100_000);
    const frame = `{"type":"req","id":2,"method":"alerts.ingest","params":{"source":"ws-test","records":[${eveLine(77_001, { flow_id: 7_700_001 })},${deep}]}}`;
    const ws = new WebSocket(`ws://127.0.0.1:${d.daemon.info.port}/`, { headers: { authorization: `Bearer ${d.daemon.token}` } });
    const replies: Record<string, unknown>[] = [];
    ws.on('message', (m) => replies.push(JSON.parse(m.toString()) as Record<string, unknown>));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'req', id: 1, method: 'hello', params: { protocolVersion: PROTOCOL_VERSION, client: 'raw', actor: 'sensor' } }));
    ws.send(frame);
    for (let i = 0; i < 500 && replies.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    ws.close();
    expect(replies[1]).toMatchObject({ type: 'res', id: 2, result: { accepted: 1, rejected: [{ index: 1, reason: expect.stringMatching(/could not be serialised/) as string }] } });
  });
});
