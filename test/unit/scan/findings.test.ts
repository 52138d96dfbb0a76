import { describe, expect, it } from 'vitest';
import { accept, coverageKey, expireAcceptances, findingId, reconcile, type Coverage, type Detection } from '../../../src/daemon/scan/findings.js';
import type { Finding } from '../../../src/shared/scan.js';

const det = (over: Partial<Detection> = {}): Detection => ({
  customer: 'default',
  asset: 'web',
  host: '127.0.0.1',
  port: 6379,
  checkId: 'redis-unauth',
  title: 'Unauthenticated Redis',
  severity: 'critical',
  remediationId: 'redis-auth',
  evidence: 'INFO answered',
  source: 'socdeck',
  ...over,
});
const cover: Coverage = { hosts: new Set(['127.0.0.1']), ports: new Set([6379, 80]), checkIds: new Set(['redis-unauth', 'web-git-exposed']) };

/** Applies runs in sequence over an in-memory store, the way the scan service does. */
function world() {
  const db = new Map<string, Finding>();
  return {
    db,
    run(detections: Detection[], at: string, coverage = cover) {
      const r = reconcile((id) => db.get(id), db.values(), detections, coverage, at, 'alice');
      for (const f of r.puts) db.set(f.id, f);
      return r;
    },
  };
}

describe('findings lifecycle', () => {
  it('ids are stable per (customer, host, port/url, check) and differ otherwise', () => {
    expect(findingId(det())).toBe(findingId(det({ evidence: 'other text' })));
    expect(findingId(det())).not.toBe(findingId(det({ port: 6380 })));
    expect(findingId(det())).not.toBe(findingId(det({ customer: 'acme' })));
  });

  it('new → confirmed → fixed → reopened, with "new since last scan" per run', () => {
    const w = world();
    const id = findingId(det());
    expect(w.run([det()], '2026-01-01T00:00:00.000Z')).toMatchObject({ new: [id], fixed: [], reopened: [] });
    expect(w.run([det()], '2026-01-02T00:00:00.000Z')).toMatchObject({ new: [], seen: [id] });
    expect(w.db.get(id)).toMatchObject({ status: 'confirmed', seenCount: 2, firstSeen: '2026-01-01T00:00:00.000Z' });
    expect(w.run([], '2026-01-03T00:00:00.000Z')).toMatchObject({ fixed: [id] });
    expect(w.db.get(id)).toMatchObject({ status: 'fixed', fixedAt: '2026-01-03T00:00:00.000Z' });
    expect(w.run([det()], '2026-01-04T00:00:00.000Z')).toMatchObject({ reopened: [id], new: [] });
    expect(w.db.get(id)!.history.map((h) => h.status)).toEqual(['new', 'confirmed', 'fixed', 'reopened']);
    expect(w.db.get(id)!.fixedAt).toBeUndefined();
  });

  it('a run that did not cover a finding neither fixes nor touches it', () => {
    const w = world();
    w.run([det()], '2026-01-01T00:00:00.000Z');
    const other: Coverage = { hosts: new Set(['127.0.0.1']), ports: new Set([22]), checkIds: cover.checkIds };
    expect(w.run([], '2026-01-02T00:00:00.000Z', other).fixed).toEqual([]);
    const otherCheck: Coverage = { ...cover, checkIds: new Set(['web-git-exposed']) };
    expect(w.run([], '2026-01-02T00:00:00.000Z', otherCheck).fixed).toEqual([]);
  });

  it('accepted findings stay accepted while seen; expiry reopens them', () => {
    const w = world();
    const id = findingId(det());
    w.run([det()], '2026-01-01T00:00:00.000Z');
    w.db.set(id, accept(w.db.get(id)!, 'bob', 'legacy box, decommissioned in March', '2026-03-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z'));
    w.run([det()], '2026-02-01T00:00:00.000Z');
    expect(w.db.get(id)).toMatchObject({ status: 'accepted', acceptance: { by: 'bob', until: '2026-03-01T00:00:00.000Z' } });
    expect(expireAcceptances(w.db.values(), '2026-02-28T23:59:59.000Z')).toEqual([]);
    const expired = expireAcceptances(w.db.values(), '2026-03-01T00:00:00.000Z');
    expect(expired).toEqual([expect.objectContaining({ id, status: 'reopened' })]);
    expect(expired[0]!.history.at(-1)).toMatchObject({ by: 'daemon', note: expect.stringContaining('bob') });
  });

  it('imported findings are never closed by our own rescans', () => {
    const w = world();
    w.run([det({ source: 'nmap', checkId: 'high-risk-port' })], '2026-01-01T00:00:00.000Z');
    const all: Coverage = { ...cover, checkIds: new Set(['high-risk-port']) };
    expect(w.run([], '2026-01-02T00:00:00.000Z', all).fixed).toEqual([]);
  });

  it('a check that could not decide on a port leaves that finding open; elsewhere the check still closes', () => {
    const w = world();
    const ssh = (port: number) => det({ port, checkId: 'ssh-password-auth' });
    w.run([ssh(22), ssh(2222)], '2026-01-01T00:00:00.000Z');
    const coverage: Coverage = { hosts: cover.hosts, ports: new Set([22, 2222]), checkIds: new Set(['ssh-password-auth']), undecided: new Set([coverageKey('127.0.0.1', 22, 'ssh-password-auth')]) };
    expect(w.run([], '2026-01-02T00:00:00.000Z', coverage).fixed).toEqual([findingId(ssh(2222))]);
    expect(w.db.get(findingId(ssh(22)))!.status).toBe('new');
  });

  it('one check id per CVE: a run of the service-vuln check covers every CVE under it', () => {
    const w = world();
    const cve = det({ port: 22, checkId: 'service-vuln:CVE-2024-6387', severity: 'high' });
    w.run([cve], '2026-01-01T00:00:00.000Z');
    const vulnRun: Coverage = { hosts: cover.hosts, ports: new Set([22]), checkIds: new Set(['service-vuln']) };
    const versionUnknown: Coverage = { ...vulnRun, undecided: new Set([coverageKey('127.0.0.1', 22, 'service-vuln')]) };
    expect(w.run([], '2026-01-02T00:00:00.000Z', versionUnknown).fixed).toEqual([]);
    expect(w.run([], '2026-01-03T00:00:00.000Z', vulnRun).fixed).toEqual([findingId(cve)]);
  });
});
