import { describe, expect, it } from 'vitest';
import { buildMonthlyRisk } from '../../../src/daemon/reports/builders/monthly-risk.js';
import { readCollection } from '../../../src/daemon/reports/inputs/read-collection.js';
import { FindingRecord, ScanRunRecord } from '../../../src/daemon/reports/inputs/records.js';
import { parsePeriod } from '../../../src/daemon/reports/time/period.js';

const period = parsePeriod('month', '2026-11', 'Asia/Shanghai');

function finding(id: string, checkId: string, severity: string, status: string, firstSeen: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    customer: 'acme',
    asset: `asset-${id}`,
    host: 'h',
    checkId,
    title: `t ${id}`,
    severity,
    evidence: '',
    remediationId: checkId,
    source: 'socdeck',
    status,
    firstSeen,
    lastSeen: firstSeen,
    seenCount: 1,
    history: [],
    ...extra,
  };
}

const FINDINGS = [
  finding('f1', 'port.telnet', 'high', 'new', '2026-11-03T00:00:00Z'),
  finding('f2', 'port.smb', 'high', 'fixed', '2026-10-10T00:00:00Z', { fixedAt: '2026-11-12T00:00:00Z' }),
  finding('f3', 'tls.weak', 'medium', 'reopened', '2026-09-01T00:00:00Z', { history: [{ at: '2026-11-15T00:00:00Z', status: 'reopened', by: 'scanner', note: '' }] }),
  finding('f4', 'vuln.openssh', 'high', 'accepted', '2026-11-25T00:00:00Z', { acceptance: { by: 'a', reason: 'r', at: '2026-11-26T00:00:00Z', until: '2027-01-01T00:00:00Z' } }),
  finding('f5', 'web.git-exposed', 'critical', 'confirmed', '2026-10-15T00:00:00Z'),
  finding('f6', 'port.ftp', 'medium', 'new', '2026-12-02T00:00:00Z'),
];
const RUNS = [
  { id: 'r1', customer: 'acme', kind: 'ports', startedAt: '2026-11-05T00:00:00Z', targets: ['a', 'b'] },
  { id: 'r2', customer: 'acme', kind: 'full', startedAt: '2026-11-20T00:00:00Z', targets: ['b', 'c'] },
  { id: 'r3', customer: 'acme', kind: 'ports', startedAt: '2026-10-20T00:00:00Z', targets: ['d'] },
];

const src = { values: <T>(c: string) => ({ scan_findings: FINDINGS, scan_runs: RUNS })[c] as T[] };
const all = () => true;

describe('monthly Risk Detection Report figures', () => {
  const d = buildMonthlyRisk({
    period,
    findings: readCollection(src, 'scan_findings', FindingRecord, all).items,
    scanRuns: readCollection(src, 'scan_runs', ScanRunRecord, all).items,
  });

  it('counts scans run and assets covered in the month', () => {
    expect(d.scans.runs).toBe(2);
    expect(d.scans.assetsCovered).toBe(3);
    expect(d.scans.byKind).toEqual([
      { kind: 'full', runs: 1 },
      { kind: 'ports', runs: 1 },
    ]);
  });

  it('counts new, fixed, reopened and accepted in this month and the last', () => {
    expect(d.lifecycle).toEqual({ new: 2, fixed: 1, reopened: 1, accepted: 1 });
    expect(d.previousLifecycle).toEqual({ new: 2, fixed: 0, reopened: 0, accepted: 0 });
    expect(d.newChangePct).toBe(0);
  });

  it('breaks down what is still open at month end by severity and category', () => {
    expect(d.openTotal).toBe(3);
    expect(d.openBySeverity).toEqual({ info: 0, low: 0, medium: 1, high: 1, critical: 1 });
    expect(d.openByCategory).toEqual([
      { category: 'port', count: 1 },
      { category: 'tls', count: 1 },
      { category: 'web', count: 1 },
    ]);
    expect(d.topRisks.map((f) => f.id)).toEqual(['f5', 'f1', 'f3']);
  });

  it('trends six months ending with this one', () => {
    expect(d.trend.map((t) => t.label)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(d.trend.map((t) => t.lifecycle.new)).toEqual([0, 0, 0, 1, 2, 2]);
  });
});
