import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS, QUARANTINE } from '../../src/daemon/collections.js';
import { eveLine, quietOthers } from '../integration/sources/helpers.js';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';

/**
 * Attacks 4 and 7 of issue 25: one invalid UTF-8 byte on one line of an NDJSON
 * body rejected the whole body (0 stored); `/ingest/%E0%A4%A` answered 500. Both fail on the
 * code before the body was split into records first.
 */
let d: TestDaemon;

beforeAll(async () => {
  d = await startTestDaemon({
    configOverrides: { ...quietOthers(), ingest: { sources: [{ name: 'hook', kind: 'webhook', maxBodyBytes: 16 * 1024 * 1024 }] } },
  });
});
afterAll(() => d.stop());

const post = (path: string, body: Buffer) =>
  fetch(`http://127.0.0.1:${d.daemon.info.port}/ingest/${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${d.daemon.token}` } });

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

  it('still rejects a broken single document as one record', async () => {
    const res = await post('hook', Buffer.concat([Buffer.from('[{"a":"'), Buffer.from([0xff]), Buffer.from('"}]')]));
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
