import { describe, expect, it } from 'vitest';
import { buildWeeklyOps } from '../../../src/daemon/reports/builders/weekly-ops.js';
import { readCollection } from '../../../src/daemon/reports/inputs/read-collection.js';
import { AlertRecord, IncidentRecord, SlaClockRecord } from '../../../src/daemon/reports/inputs/records.js';
import { parsePeriod } from '../../../src/daemon/reports/time/period.js';

const TZ = 'Asia/Shanghai';
/** 2026-W47 in Shanghai: Mon 2026-11-16 00:00 +08 = 2026-11-15T16:00Z … 2026-11-22T16:00Z. */
const period = parsePeriod('week', '2026-W47', TZ);

function alert(id: string, firstSeen: string, ruleId: string, severity: string, host: string, count: number, disposition?: string) {
  return {
    id,
    fingerprint: id,
    customer: 'acme',
    source: 's',
    product: 'suricata',
    ruleId,
    title: `title ${ruleId}`,
    severity,
    time: firstSeen,
    host,
    raw: '{}',
    rawLength: 2,
    firstSeen,
    lastSeen: firstSeen,
    count,
    ...(disposition ? { disposition } : {}),
  };
}

const ALERTS = [
  alert('a1', '2026-11-16T01:00:00Z', 'R1', 'medium', 'web-01', 5, 'false_positive'),
  alert('a2', '2026-11-16T02:00:00Z', 'R1', 'medium', 'web-01', 3, 'false_positive'),
  // Sunday in UTC but Monday 01:00 in Shanghai: counts for this week's Monday.
  alert('a3', '2026-11-15T17:00:00Z', 'R1', 'medium', 'web-02', 1, 'true_positive'),
  alert('a4', '2026-11-18T10:00:00Z', 'R2', 'high', 'db-01', 2, 'true_positive'),
  // Sunday 23:30 local: last minutes of the week.
  alert('a5', '2026-11-22T15:30:00Z', 'R3', 'critical', 'db-01', 1),
  // Monday 00:30 local of the next week: out.
  alert('a6', '2026-11-22T16:30:00Z', 'R1', 'medium', 'web-01', 1),
  alert('a7', '2026-11-10T00:00:00Z', 'R1', 'low', 'web-01', 1),
  alert('a8', '2026-11-11T00:00:00Z', 'R2', 'high', 'db-01', 1),
  alert('a9', '2026-11-15T15:00:00Z', 'R1', 'medium', 'web-01', 1, 'duplicate'),
  // Another customer's alert never counts.
  { ...alert('x1', '2026-11-16T01:00:00Z', 'R1', 'critical', 'web-01', 1), customer: 'other' },
];

const CLOCKS = [
  {
    id: 'c1',
    customer: 'acme',
    kind: 'alert',
    itemId: 'a4',
    severity: 'high',
    startedAt: '2026-11-18T10:00:00Z',
    responseDueAt: '2026-11-18T10:30:00Z',
    resolutionDueAt: '2026-11-18T12:00:00Z',
    respondedAt: '2026-11-18T10:20:00Z',
    resolvedAt: '2026-11-18T13:00:00Z',
    breached: {},
  },
  {
    id: 'c2',
    customer: 'acme',
    kind: 'alert',
    itemId: 'a5',
    severity: 'critical',
    startedAt: '2026-11-22T15:30:00Z',
    responseDueAt: '2026-11-22T16:00:00Z',
    resolutionDueAt: '2026-11-22T19:30:00Z',
    respondedAt: '2026-11-22T15:40:00Z',
    breached: {},
  },
];

const incident = (id: string, openedAt: string, closedAt?: string) => ({
  id,
  customer: 'acme',
  type: 'ransomware',
  title: id,
  severity: 'high',
  status: closedAt ? 'closed' : 'open',
  openedAt,
  ...(closedAt ? { closedAt } : {}),
});
const INCIDENTS = [incident('i1', '2026-11-17T00:00:00Z', '2026-11-19T00:00:00Z'), incident('i2', '2026-11-01T00:00:00Z', '2026-11-20T00:00:00Z'), incident('i3', '2026-11-21T00:00:00Z')];

const src = (data: Record<string, unknown[]>) => ({ values: <T>(c: string) => (data[c] ?? []) as T[] });
const acme = (x: { customer: string }) => x.customer === 'acme';

function build() {
  const records = src({ alerts: ALERTS, sla_clocks: CLOCKS, incidents: INCIDENTS });
  return buildWeeklyOps({
    period,
    alerts: readCollection(records, 'alerts', AlertRecord, acme).items,
    slaPhases: readCollection(records, 'sla_clocks', SlaClockRecord, acme).items.flatMap((c) => c.phases),
    incidents: readCollection(records, 'incidents', IncidentRecord, acme).items,
    tuning: { minAlerts: 2, minFpRate: 0.6 },
  });
}

describe('weekly Service Operations Report figures', () => {
  const d = build();

  it('counts alerts first seen in the customer-local week and compares with the week before', () => {
    expect(d.totals).toEqual({ alerts: 5, events: 12, previousAlerts: 3, changePct: ((5 - 3) / 3) * 100 });
    expect(d.bySeverity).toEqual({ info: 0, low: 0, medium: 3, high: 1, critical: 1 });
    expect(d.previousBySeverity).toEqual({ info: 0, low: 1, medium: 1, high: 1, critical: 0 });
  });

  it('splits the week into seven local days', () => {
    expect(d.byDay).toHaveLength(7);
    expect(new Date(d.byDay[0]!.day).toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(d.byDay.map((x) => x.counts.medium + x.counts.high + x.counts.critical)).toEqual([3, 0, 1, 0, 0, 0, 1]);
    expect(d.byDay[6]!.counts.critical).toBe(1);
  });

  it('ranks rules and hosts by alerts, ties by name', () => {
    expect(d.topRules).toEqual([
      { ruleId: 'R1', title: 'title R1', alerts: 3, events: 9 },
      { ruleId: 'R2', title: 'title R2', alerts: 1, events: 2 },
      { ruleId: 'R3', title: 'title R3', alerts: 1, events: 1 },
    ]);
    expect(d.topHosts).toEqual([
      { host: 'db-01', alerts: 2, highest: 'critical' },
      { host: 'web-01', alerts: 2, highest: 'medium' },
      { host: 'web-02', alerts: 1, highest: 'medium' },
    ]);
  });

  it('computes TP/FP rates over dispositioned alerts', () => {
    expect(d.dispositions).toEqual({ decided: 4, truePositive: 2, benign: 0, falsePositive: 2, duplicate: 0, undetermined: 1, tpRate: 0.5, fpRate: 0.5 });
  });

  it('suggests tuning the noisy rule that is mostly false positive', () => {
    expect(d.tuning).toEqual([{ ruleId: 'R1', title: 'title R1', alerts: 3, fpRate: 2 / 3 }]);
  });

  it('derives MTTA, MTTR and breaches from the SLA clocks', () => {
    expect(d.sla.clocks).toBe(4);
    expect(d.sla.mttaMinutes).toBe(15);
    expect(d.sla.mttrMinutes).toBe(180);
    expect(d.sla.withinTarget).toBeCloseTo(2 / 3);
    expect(d.sla.breaches.map((b) => [b.clockId, b.target])).toEqual([['c1', 'resolve']]);
  });

  it('lists incidents opened and closed, and the notable alerts', () => {
    expect(d.incidents.opened.map((i) => i.id)).toEqual(['i1', 'i3']);
    expect(d.incidents.closed.map((i) => i.id)).toEqual(['i1', 'i2']);
    expect(d.notable.map((a) => a.id)).toEqual(['a5', 'a4']);
  });
});
