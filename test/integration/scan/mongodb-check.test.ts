import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/daemon/scan/fingerprint.js';
import { probeOpenPorts } from '../../../src/daemon/scan/probe-ports.js';
import { FAKE_MONGO_DATABASES, FAKE_MONGO_VERSION, startFakeMongo } from '../../support/fake-mongo.js';

const opts = { bannerWaitMs: 150, probeTimeoutMs: 1000, concurrency: 2, now: Date.now(), checks: true };
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

async function fake(mode: 'open' | 'auth') {
  const m = await startFakeMongo(mode);
  closers.push(m.close);
  return m;
}

describe('MongoDB over OP_MSG against a fake server on loopback', () => {
  it('fingerprints MongoDB on an odd port: hello gives the wire version, buildInfo the exact version', async () => {
    const m = await fake('auth');
    const fp = await fingerprint('127.0.0.1', m.port, opts);
    expect(fp).toMatchObject({ service: 'mongodb', product: 'MongoDB', version: FAKE_MONGO_VERSION, banner: `MongoDB ${FAKE_MONGO_VERSION} (maxWireVersion 21: 7.0.x)` });
    // The probes before it (Redis, memcached, ...) were hung up on; hello and buildInfo were answered.
    expect(m.commands).toEqual(['hello', 'buildInfo']);
  });

  it('raises "MongoDB accepts unauthenticated commands" with the database names as evidence', async () => {
    const m = await fake('open');
    const [r] = await probeOpenPorts([{ host: '127.0.0.1', port: m.port }], opts);
    expect(r!.hits.map((h) => h.check.id)).toEqual(['mongodb-no-auth']);
    expect(r!.hits[0]!.check).toMatchObject({ title: 'MongoDB accepts unauthenticated commands', severity: 'high', remediationId: 'mongodb-auth' });
    expect(r!.hits[0]!.hit.evidence).toBe(`listDatabases answered without credentials: 4 databases (${FAKE_MONGO_DATABASES.join(', ')})`);
  });

  it('no finding when listDatabases answers code 13 Unauthorized', async () => {
    const m = await fake('auth');
    const [r] = await probeOpenPorts([{ host: '127.0.0.1', port: m.port }], opts);
    expect(r!.port.service).toBe('mongodb');
    expect(r!.hits).toEqual([]);
    expect(r!.skipped).toEqual([]);
    expect(m.commands).toContain('listDatabases');
  });
});
