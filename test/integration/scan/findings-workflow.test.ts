import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { REPO_ROOT } from '../../support/child-daemon.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { gitLeakingServer } from './loopback-services.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'scan');
const HOUR = 3_600_000;

describe('findings workflow: acceptance, engine import, history, cancel', () => {
  let now = Date.parse('2026-03-02T02:00:00Z');
  let d: TestDaemon;
  let c: SocdeckClient;
  const web = gitLeakingServer();
  let port: number;
  beforeAll(async () => {
    d = await startTestDaemon({
      clock: { now: () => now },
      configOverrides: { assets: [{ name: 'shop', customer: 'acme', hosts: ['127.0.0.1'] }], scan: { schedules: [], bannerWaitMs: 200, probeTimeoutMs: 1500 } },
    });
    c = await d.connect('carol');
    port = await web.listen();
  });
  afterAll(async () => {
    await web.close();
    await d.stop();
  });

  it('accepts a finding with reason, who and expiry; expiry reopens it on the next scan', async () => {
    const run = await c.request('scan.run', { asset: 'shop', ports: String(port), wait: true });
    expect(run.customer).toBe('acme');
    const f = (await c.request('findings.list', { customer: 'acme' })).findings.find((x) => x.checkId === 'web-git-exposed')!;
    expect(f).toMatchObject({ asset: 'shop', customer: 'acme', status: 'new' });

    await expect(c.request('finding.accept', { id: f.id, reason: 'x', until: '2020-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'invalid_params' });
    const until = new Date(now + 24 * HOUR).toISOString();
    const accepted = await c.request('finding.accept', { id: f.id, reason: 'internal-only mirror, removed next sprint', until });
    expect(accepted).toMatchObject({ status: 'accepted', acceptance: { by: 'carol', reason: 'internal-only mirror, removed next sprint', until } });

    now += HOUR;
    expect((await c.request('finding.verify', { id: f.id })).finding.status).toBe('accepted');
    now += 48 * HOUR;
    const after = await c.request('finding.verify', { id: f.id });
    expect(after.finding.status).toBe('reopened');
    expect(after.finding.history.at(-1)!.note).toContain('risk acceptance expired');
  });

  it('imports nmap XML as high-risk port findings and refuses the XXE sample', async () => {
    const content = readFileSync(join(FIXTURES, 'nmap', 'libnmap_2_hosts_version.xml'), 'utf8');
    const res = await c.request('scan.import', { engine: 'nmap', name: 'libnmap_2_hosts_version.xml', content });
    expect(res.errors).toEqual([]);
    const imported = (await c.request('findings.list', {})).findings.filter((x) => x.source === 'nmap');
    expect(imported.map((x) => `${x.host}:${x.port}`).sort()).toEqual(['127.0.0.1:111', '127.0.0.1:22', '127.0.0.1:25', '127.0.0.1:3306', '74.207.244.221:22']);
    expect(res.new).toHaveLength(5);
    // Imported twice: the same findings, confirmed, none new.
    expect((await c.request('scan.import', { engine: 'nmap', name: 'again.xml', content })).new).toEqual([]);
    await expect(c.request('finding.verify', { id: imported[0]!.id })).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringContaining('nmap report') });

    const xxe = readFileSync(join(FIXTURES, 'nmap', 'negative_xxe_billion_laughs_libnmap.xml'), 'utf8');
    await expect(c.request('scan.import', { engine: 'nmap', name: 'bomb.xml', content: xxe })).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringContaining('bomb.xml:2') });
    const nuclei = readFileSync(join(FIXTURES, 'nuclei', 'nuclei_result_event_legacy.jsonl'), 'utf8');
    const n = await c.request('scan.import', { engine: 'nuclei', name: 'n.jsonl', content: nuclei });
    expect(n.new).toHaveLength(1);
    expect(await c.request('finding.get', { id: n.new[0]! })).toMatchObject({ source: 'nuclei', checkId: 'nuclei:legacy', url: 'https://example.com', remediationId: 'engine-finding' });
  });

  it('cancels a running full-range scan, which then closes nothing', async () => {
    const before = (await c.request('findings.list', { status: ['fixed'] })).total;
    const run = await c.request('scan.run', { targets: ['127.0.0.1'], ports: '1-65535' });
    expect(run.state).toBe('running');
    await c.request('scan.cancel', { id: run.id });
    let state = run.state;
    for (let i = 0; i < 200 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await c.request('scan.get', { id: run.id })).state;
    }
    expect(state).toBe('cancelled');
    expect((await c.request('findings.list', { status: ['fixed'] })).total).toBe(before);
    const { scans } = await c.request('scan.list', {});
    expect(scans[0]).toMatchObject({ id: run.id, state: 'cancelled', actor: 'carol' });
    await expect(c.request('scan.cancel', { id: run.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps every one of those actions in the shared audit log, attributed (a refused import leaves none)', async () => {
    // Users added for the test are audited too (kind user); this test is about scan actions.
    const entries = (await c.request('audit.list', { limit: 100 })).entries.filter((e) => e.target.kind !== 'user');
    expect(entries.every((e) => e.actor === 'carol')).toBe(true);
    const byAction = (a: string) => entries.filter((e) => e.action === a);
    expect(byAction('finding.accept')).toEqual([
      expect.objectContaining({
        target: { kind: 'finding', id: expect.any(String) },
        before: { status: 'new' },
        after: expect.objectContaining({ status: 'accepted', reason: 'internal-only mirror, removed next sprint' }),
      }),
    ]);
    expect(
      byAction('scan.import')
        .map((e) => e.target.id)
        .sort(),
    ).toEqual(['again.xml', 'libnmap_2_hosts_version.xml', 'n.jsonl']);
    expect(byAction('scan.cancel')).toEqual([expect.objectContaining({ target: { kind: 'scan', id: expect.stringMatching(/^S-/) }, after: { state: 'cancelled' } })]);
    // The asset scan, the two verifications and the cancelled full-range scan.
    expect(
      byAction('scan.run')
        .map((e) => e.after.kind)
        .sort(),
    ).toEqual(['full', 'full', 'verify', 'verify']);
  });
});
