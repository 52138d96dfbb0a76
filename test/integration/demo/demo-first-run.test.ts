import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';

/** Polls until `read` gives a value `ok` accepts; bounded, names what it waited for. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

type Row = Record<string, unknown>;
/** Independent of the purge's own rule: any trace of the demo customer, source, identity or assets. */
const demoTrace = (v: Row) =>
  v.customer === 'demo' ||
  v.source === 'demo' ||
  v.actor === 'demo' ||
  v.asset === 'demo-loopback' ||
  v.asset === 'demo-web-01' ||
  v.name === 'demo-loopback' ||
  JSON.stringify(v).includes('demo-leak-repo');

describe('the first-run demo with the embedded default config', () => {
  const dataDir = tempDir();
  let d: TestDaemon | undefined;
  let c: SocdeckClient;
  let ports: number[] = [];
  afterAll(async () => {
    await d?.stop();
  });

  it('fills every service through its own methods, as the demo identity, on customer demo', async () => {
    // `leaks: {}` drops the test default that turns the leak demo off: it follows demo.enabled.
    d = await startTestDaemon({ dataDir, configOverrides: { demo: { enabled: true, rate: 50 }, leaks: {} } });
    c = await d.connect('analyst1');

    const reports = await until(
      () => c.request('reports.list', { customer: 'demo' }),
      (r) => r.total > 0,
      'the weekly report',
      45_000,
    );
    expect(reports.reports[0]).toMatchObject({ kind: 'weekly', customer: 'demo', createdBy: 'demo' });

    const scans = await c.request('scan.list', {});
    expect(scans.scans.map((s) => [s.kind, s.actor, s.state])).toEqual([
      ['verify', 'demo', 'done'],
      ['full', 'demo', 'done'],
    ]);
    const { findings } = await c.request('findings.list', { customer: 'demo' });
    ports = [...new Set(findings.map((f) => f.port!))];
    expect(findings.map((f) => [f.checkId, f.status]).sort()).toEqual([
      ['redis-unauth', 'new'],
      ['web-directory-listing', 'fixed'],
      ['web-security-headers', 'new'],
      ['web-version-disclosure', 'new'],
    ]);
    expect(findings.every((f) => f.asset === 'demo-loopback')).toBe(true);

    const { incidents } = await c.request('incidents.list', {});
    expect(incidents).toHaveLength(1);
    const inc = (await c.request('incidents.get', { id: incidents[0]!.id })).incident;
    expect(inc).toMatchObject({ customer: 'demo', title: expect.stringMatching(/^\[demo\] /) });
    expect(inc.playbook?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(inc.checklist.filter((s) => s.done).map((s) => s.by)).toEqual(['demo', 'demo']);
    expect(inc.linkedAlerts.length).toBeGreaterThan(0);

    const advisories = await until(
      () => c.request('advisories.list', {}),
      (r) => r.total >= 3,
      'advisories',
    );
    expect(advisories.advisories.every((a) => a.customer === 'demo')).toBe(true);
    expect(advisories.advisories.filter((a) => a.kev).map((a) => a.vuln)).toContain('CVE-2023-4863');

    const cases = await until(
      () => c.request('cases.list', {}),
      (r) => r.total > 0,
      'a correlation case',
    );
    expect(cases.cases.every((k) => k.customer === 'demo')).toBe(true);

    const quarantine = await c.request('quarantine.list', {});
    expect(quarantine.entries.map((q) => [q.source, q.origin])).toEqual([['demo', 'demo:cut-off-line']]);

    await until(
      () => c.request('leaks.list', {}),
      (r) => r.total >= 3,
      'the demo leaks',
    );
    // The verification rescan is audited as a scan.run of kind verify.
    // The intel demo audits its import just after the advisories it made are stored.
    const { entries } = await until(
      () => c.request('audit.list', { actor: 'demo' }),
      (r) => r.entries.some((e) => e.action === 'inventory.import'),
      'the audited inventory import',
    );
    expect(new Set(entries.map((e) => e.action))).toEqual(new Set(['escalate', 'incident.check', 'scan.run', 'intel.import', 'inventory.import', 'report.build']));
  }, 90_000);

  it('restarted, keeps what the demo made and does not tell the story again', async () => {
    await d!.stop();
    const counted = () => ({
      incidents: d!.daemon.store.count('incidents'),
      scans: d!.daemon.store.count('scan_runs'),
      quarantine: d!.daemon.store.count('quarantine'),
      advisories: d!.daemon.store.count('advisories'),
    });
    d = await startTestDaemon({ dataDir, configOverrides: { demo: { enabled: true, rate: 50 }, leaks: {} } });
    const before = counted();
    expect(before).toEqual({ incidents: 1, scans: 2, quarantine: 1, advisories: 4 });
    c = await d.connect('analyst1');
    // The intel demo re-imports on start (idempotent) and is audited after it: then every step has had its turn.
    await until(
      () => c.request('audit.list', { actor: 'demo', action: 'inventory.import' }),
      (r) => r.total >= 2,
      'the second intel demo run',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(counted()).toEqual(before);
    expect((await c.request('reports.list', { customer: 'demo' })).total).toBe(1);
  }, 90_000);

  it('turned off, removes every demo row, listener, repository and report an earlier run left', async () => {
    await d!.stop();
    expect(ports).toHaveLength(2);
    // The test default turns both switches off; `leaks: {}` leaves the leak demo to follow the one switch.
    d = await startTestDaemon({ dataDir, configOverrides: { leaks: {} } });
    const store = d.daemon.store;
    const left = store.collections().flatMap((coll) =>
      store
        .values<Row>(coll)
        .filter(demoTrace)
        .map((v) => `${coll}: ${JSON.stringify(v).slice(0, 200)}`),
    );
    expect(left).toEqual([]);
    expect(store.count('alerts')).toBe(0);
    expect(existsSync(join(dataDir, 'demo-leak-repo'))).toBe(false);
    expect(existsSync(join(dataDir, 'reports', 'demo'))).toBe(false);
    c = await d.connect('analyst1');
    expect((await c.request('reports.list', {})).total).toBe(0);
    for (const p of ports) expect(await refused(p)).toBe(true);
    // Nothing new arrives either: no replay, no scenario.
    await new Promise((r) => setTimeout(r, 500));
    expect(store.collections().flatMap((coll) => store.values<Row>(coll).filter(demoTrace))).toEqual([]);
  }, 90_000);
});
