import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { QuarantineEntry } from '../../src/shared/protocol.js';
import { QUARANTINE } from '../../src/daemon/collections.js';
import { eveLine, quietOthers } from '../integration/sources/helpers.js';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';

/**
 * Attack 4 of issue 25, the evidence half: quarantine kept 64 KiB of a 1.9 MB body, so the
 * bytes that were rejected could not be looked at or re-sent. Now a record cut or made lossy in
 * its entry has its full bytes in the data dir, bounded, and `quarantine.raw` returns them.
 * Fails on the code before the spill (no rawFile, no quarantine.raw).
 */
let d: TestDaemon;
let token: string;
const SPILL_CAP = 300_000;

beforeAll(async () => {
  d = await startTestDaemon({
    configOverrides: { ...quietOthers(), ingest: { quarantineRawBytes: 1024, quarantineSpillMaxBytes: SPILL_CAP, sources: [{ name: 'hook', kind: 'webhook', maxBodyBytes: 4 * 1024 * 1024 }] } },
  });
  token = await d.sourceToken('hook');
});
afterAll(() => d.stop());

const post = async (body: Buffer) => {
  const res = await fetch(`http://127.0.0.1:${d.daemon.info.port}/ingest/hook`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { accepted: number; rejected: { index: number; origin: string; reason: string }[] } };
};
const entryFor = (origin: string) => d.daemon.store.values<QuarantineEntry>(QUARANTINE).find((q) => q.origin === origin)!;

/** A 200 kB Suricata-shaped line with one invalid UTF-8 byte in the middle. */
function badLine(n: number): Buffer {
  const line = Buffer.from(eveLine(n, { payload_printable: 'A'.repeat(200_000) }));
  line[100_000] = 0xff;
  return line;
}

describe('quarantine keeps full raw bytes', () => {
  it('spills a lossy record over the inline cap to a file and returns every byte of it', async () => {
    const bad = badLine(60_001);
    const res = await post(Buffer.concat([Buffer.from(eveLine(60_000) + '\n'), bad, Buffer.from('\n')]));
    expect(res.status).toBe(400);
    expect(res.body.rejected).toEqual([{ index: 1, origin: 'webhook:hook:2', reason: expect.stringMatching(/invalid UTF-8/) as string }]);
    const q = entryFor('webhook:hook:2');
    expect(Buffer.byteLength(q.raw)).toBeLessThanOrEqual(1024);
    expect(q.rawLength).toBe(bad.length);
    expect(q.rawFile).toBe(`${q.id}.raw`);
    expect(existsSync(join(d.dataDir, 'quarantine', q.rawFile!))).toBe(true);

    const c = await d.connect('analyst');
    const raw = await c.request('quarantine.raw', { id: q.id });
    expect(raw.complete).toBe(true);
    expect(Buffer.from(raw.base64, 'base64').equals(bad)).toBe(true);
  });

  it('spills a valid-UTF-8 element over the cap from its text (invalid JSON array element)', async () => {
    const element = `{"note":"${'n'.repeat(5000)}", oops}`;
    const res = await post(Buffer.from(`[${eveLine(60_002)}, ${element}]`));
    expect(res.body.rejected.map((r) => r.index)).toEqual([1]);
    const q = entryFor('webhook:hook[1]');
    const c = await d.connect('analyst');
    const raw = await c.request('quarantine.raw', { id: q.id });
    expect(Buffer.from(raw.base64, 'base64').toString()).toBe(element);
  });

  it('says so in the entry, and keeps the head, when the spill store is full', async () => {
    // The first test used ~200 kB of the 300 kB; this one does not fit.
    const bad = badLine(60_003);
    const res = await post(bad);
    expect(res.status).toBe(400);
    const q = entryFor('webhook:hook');
    expect(q.rawFile).toBeUndefined();
    expect(q.rawFileError).toMatch(/quarantine spill store full \(\d+ of 300000 bytes used; ingest\.quarantineSpillMaxBytes\)/);
    const c = await d.connect('analyst');
    const raw = await c.request('quarantine.raw', { id: q.id });
    expect(raw.complete).toBe(false);
    expect(raw.rawLength).toBe(bad.length);
  });

  it('answers an unknown id with a typed not_found', async () => {
    const c = await d.connect('analyst');
    await expect(c.request('quarantine.raw', { id: 'qnope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
