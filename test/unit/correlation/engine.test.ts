import { describe, expect, it } from 'vitest';
import { compileRule, loadRulesFile } from '../../../src/daemon/correlation/correlation-rules.js';
import { CorrelationEngine, type CaseGrowth, type WindowState } from '../../../src/daemon/correlation/engine.js';
import type { Alert } from '../../../src/shared/alert.js';
import { alertAt, BEACON, BRUTE, CRON, prng, SCAN } from './scenario.js';

const RULES = loadRulesFile('config/correlation/rules.yaml').map(compileRule);
const T0 = Date.parse('2026-03-02T01:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

function engine(state: WindowState[] = []): CorrelationEngine {
  let n = 0;
  return new CorrelationEngine(RULES, state, () => `C${++n}`);
}

/** Feeds alerts in batches as the bus would, gathering what each case received. */
function run(e: CorrelationEngine, alerts: Alert[], batch = 7, stored = new Map<string, WindowState>()): Map<string, CaseGrowth & { all: string[] }> {
  const cases = new Map<string, CaseGrowth & { all: string[] }>();
  for (let i = 0; i < alerts.length; i += batch) {
    const { growth, changed } = e.process(alerts.slice(i, i + batch));
    // What the service commits: the windows a batch moved, as JSON.
    for (const w of changed) stored.set(w.id, JSON.parse(JSON.stringify(w)) as WindowState);
    for (const g of growth) {
      const c = cases.get(g.caseId) ?? { ...g, all: [] };
      c.all.push(...g.alertIds);
      cases.set(g.caseId, c);
    }
  }
  return cases;
}

const ofRule = (cases: Map<string, CaseGrowth & { all: string[] }>, rule: string) => [...cases.values()].filter((c) => c.rule.rule.id === rule);

describe('correlation engine on generated multi-stage scenarios', () => {
  it('brute force then persistence on one host within 2 h is one case; other hosts, late steps and the reverse order are not', () => {
    const rnd = prng(7);
    const alerts: Alert[] = [];
    // Noise: 200 scans on 20 hosts of two customers, no persistence anywhere.
    for (let i = 0; i < 200; i++) alerts.push(alertAt(`n${i}`, T0 + Math.floor(rnd() * 6 * HOUR), { host: `h-${i % 20}`, customer: i % 2 ? 'acme' : 'beta', attack: SCAN }));
    alerts.push(alertAt('b1', T0 + 10 * MIN, { host: 'web-01', attack: BRUTE }), alertAt('b2', T0 + 11 * MIN, { host: 'web-01', attack: BRUTE }));
    alerts.push(alertAt('p1', T0 + 70 * MIN, { host: 'web-01', attack: CRON }));
    // Same host name at another customer: a different entity.
    alerts.push(alertAt('x1', T0 + 80 * MIN, { host: 'web-01', customer: 'beta', attack: CRON }));
    // Persistence 3 h after the brute force: outside the window.
    alerts.push(alertAt('l1', T0, { host: 'db-01', attack: BRUTE }), alertAt('l2', T0 + 3 * HOUR, { host: 'db-01', attack: CRON }));
    // Reverse order: persistence first.
    alerts.push(alertAt('r1', T0 + 5 * MIN, { host: 'app-01', attack: CRON }), alertAt('r2', T0 + 6 * MIN, { host: 'app-01', attack: BRUTE }));
    alerts.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    const cases = ofRule(run(engine(), alerts), 'brute-force-then-persistence');
    expect(cases.map((c) => [c.entity, c.all.sort()])).toEqual([['web-01', ['b1', 'b2', 'p1']]]);
  });

  it('a source address across three customers within 1 h is a campaign; two customers, or three spread over 2 h, are not', () => {
    const alerts = [
      alertAt('c1', T0, { srcIp: '203.0.113.7', customer: 'acme', attack: SCAN }),
      alertAt('c2', T0 + 20 * MIN, { srcIp: '203.0.113.7', customer: 'beta', attack: SCAN }),
      alertAt('c3', T0 + 40 * MIN, { srcIp: '203.0.113.7', customer: 'gamma', attack: SCAN }),
      alertAt('c4', T0 + 50 * MIN, { srcIp: '203.0.113.7', customer: 'acme', attack: SCAN }),
      alertAt('d1', T0, { srcIp: '198.51.100.9', customer: 'acme' }),
      alertAt('d2', T0 + 10 * MIN, { srcIp: '198.51.100.9', customer: 'beta' }),
      alertAt('s1', T0, { srcIp: '192.0.2.1', customer: 'acme' }),
      alertAt('s2', T0 + 61 * MIN, { srcIp: '192.0.2.1', customer: 'beta' }),
      alertAt('s3', T0 + 122 * MIN, { srcIp: '192.0.2.1', customer: 'gamma' }),
    ];
    const cases = ofRule(run(engine(), alerts, 2), 'campaign-source-ip');
    expect(cases.map((c) => [c.entity, c.all])).toEqual([['203.0.113.7', ['c1', 'c2', 'c3', 'c4']]]);
  });

  it('three distinct tactics on one host within 24 h are a kill chain; over 30 h they are not', () => {
    const alerts = [
      alertAt('k1', T0, { host: 'web-01', attack: BRUTE }),
      alertAt('k2', T0 + 5 * HOUR, { host: 'web-01', attack: CRON }),
      alertAt('k3', T0 + 20 * HOUR, { host: 'web-01', attack: BEACON }),
      alertAt('m1', T0, { host: 'web-02', attack: BRUTE }),
      alertAt('m2', T0 + 15 * HOUR, { host: 'web-02', attack: CRON }),
      alertAt('m3', T0 + 30 * HOUR, { host: 'web-02', attack: BEACON }),
    ].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    const cases = ofRule(run(engine(), alerts), 'kill-chain-host');
    expect(cases.map((c) => [c.entity, c.all])).toEqual([['web-01', ['k1', 'k2', 'k3']]]);
  });

  it('keeps a case whole across a restart mid-window (windows serialised and read back)', () => {
    const stored = new Map<string, WindowState>();
    run(engine(), [alertAt('b1', T0, { host: 'web-01', attack: BRUTE })], 7, stored);
    const second = engine([...stored.values()]);
    const cases = ofRule(run(second, [alertAt('p1', T0 + 30 * MIN, { host: 'web-01', attack: CRON }), alertAt('p2', T0 + 40 * MIN, { host: 'web-01', attack: CRON })]), 'brute-force-then-persistence');
    expect(cases).toHaveLength(1);
    expect(cases[0]!.all).toEqual(['b1', 'p1', 'p2']);
  });

  it('offers each alert once: repeats of a row (same id) do not grow a case again', () => {
    const e = engine();
    const b = alertAt('b1', T0, { host: 'web-01', attack: BRUTE });
    const p = alertAt('p1', T0 + MIN, { host: 'web-01', attack: CRON });
    run(e, [b, p]);
    expect(
      e.process([
        { ...p, count: 5 },
        { ...b, count: 9 },
      ]).growth,
    ).toEqual([]);
  });

  it('drops windows the alert stream has left behind', () => {
    const e = engine();
    run(e, [alertAt('b1', T0, { host: 'web-01', attack: BRUTE })]);
    run(e, [alertAt('z1', T0 + 48 * HOUR, { host: 'other', attack: SCAN })]);
    expect(e.sweep().some((id) => id.startsWith('brute-force-then-persistence'))).toBe(true);
  });
  it('a long busy stream forms the same cases with or without a restart after every batch', () => {
    const rnd = prng(11);
    const kinds = [BRUTE, CRON, BEACON, SCAN];
    // 3,000 alerts on 4 hosts over 60 h: windows hold dozens of events, slide and compact.
    const alerts = Array.from({ length: 3000 }, (_, i) =>
      alertAt(`s${i}`, T0 + i * 72_000, {
        host: `h-${Math.floor(rnd() * 4)}`,
        srcIp: `203.0.113.${Math.floor(rnd() * 3)}`,
        customer: ['acme', 'beta', 'gamma'][Math.floor(rnd() * 3)]!,
        attack: kinds[Math.floor(rnd() * 4)]!,
      }),
    );
    const straight = run(engine(), alerts, 50);
    const restarted = new Map<string, CaseGrowth & { all: string[] }>();
    const stored = new Map<string, WindowState>();
    let n = 0;
    for (let i = 0; i < alerts.length; i += 50) {
      const e = new CorrelationEngine(RULES, [...stored.values()], () => `C${++n}`);
      for (const [id, c] of run(e, alerts.slice(i, i + 50), 50, stored)) {
        const prev = restarted.get(id);
        if (prev) prev.all.push(...c.all);
        else restarted.set(id, c);
      }
    }
    const shape = (m: Map<string, CaseGrowth & { all: string[] }>) => [...m.values()].map((c) => [c.rule.rule.id, c.entity, c.all]);
    expect(straight.size).toBeGreaterThan(10);
    expect(shape(restarted)).toEqual(shape(straight));
  });
});
