import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE, runAssessment } from '../../../src/daemon/assess/engine.js';
import type { Fact } from '../../../src/daemon/assess/fact.js';
import { parseRulePack } from '../../../src/daemon/assess/rule-pack.js';
import { gradeOf, scoreSection } from '../../../src/daemon/assess/score.js';

const rules = parseRulePack(
  `pack: t
rules:
  - { id: HOST-901, section: host, severity: critical, fact: account, title: { en: a, zh-CN: a }, rationale: { en: r, zh-CN: r }, remediation: { en: m, zh-CN: m }, when: { field: uid, eq: 0 }, evidence: "{user} uid {uid}" }
  - { id: HOST-902, section: host, severity: medium, fact: sshd, title: { en: b, zh-CN: b }, rationale: { en: r, zh-CN: r }, remediation: { en: m, zh-CN: m }, when: { field: passwordAuthentication, eq: "yes" }, evidence: "{host}" }
  - { id: NET-901, section: network, severity: high, fact: open_port, title: { en: c, zh-CN: c }, rationale: { en: r, zh-CN: r }, remediation: { en: m, zh-CN: m }, when: { field: port, eq: 445 }, evidence: "{host}:{port}" }
`,
  'inline.yaml',
);

const fact = (kind: string, data: Record<string, unknown>, origin = 'f'): Fact => ({ kind, origin, data });

describe('assessment engine and scores', () => {
  it('scores each section by the weighted share of its decided checks that passed, and skips sections without facts', () => {
    const r = runAssessment(
      rules,
      [fact('account', { user: 'alice', uid: 1000 }, 'passwd:2'), fact('sshd', { host: 'h', passwordAuthentication: 'yes' }), fact('open_port', { host: 'h', port: 22 })],
      0,
    );
    const host = r.sections.find((s) => s.id === 'host')!;
    const network = r.sections.find((s) => s.id === 'network')!;
    // critical (40) passed, medium (10) failed: 40 of 50
    expect(host.score).toEqual({ value: 80, grade: 'fair' });
    expect(host.findings.map((f) => f.rule.id)).toEqual(['HOST-902']);
    expect(network.score).toEqual({ value: 100, grade: 'good' });
    expect(r.sections.find((s) => s.id === 'domain')!.score).toEqual({ value: null, grade: 'not_assessed' });
    // overall = mean of assessed sections (80 + 100) / 2
    expect(r.overall).toEqual({ value: 90, grade: 'good' });
  });

  it('lets a failing critical cap its section at critical however many checks pass', () => {
    const checks = [{ severity: 'critical' as const, status: 'fail' as const }, ...Array.from({ length: 200 }, () => ({ severity: 'high' as const, status: 'pass' as const }))];
    expect(scoreSection(true, checks)).toEqual({ value: 49, grade: 'critical' });
    expect(scoreSection(true, [{ severity: 'high', status: 'fail' }, ...checks.slice(1)])).toEqual({ value: 84, grade: 'fair' });
  });

  it('does not floor a large baseline at 0 for a few medium findings, and ignores checks without a verdict', () => {
    const checks = [
      ...Array.from({ length: 5 }, () => ({ severity: 'medium' as const, status: 'fail' as const })),
      ...Array.from({ length: 255 }, () => ({ severity: 'medium' as const, status: 'pass' as const })),
      ...Array.from({ length: 40 }, () => ({ severity: 'critical' as const, status: 'not_collected' as const })),
      { severity: 'critical' as const, status: 'not_applicable' as const },
    ];
    expect(scoreSection(true, checks)).toEqual({ value: 98, grade: 'good' });
    expect(scoreSection(true, [])).toEqual({ value: 100, grade: 'good' });
    expect(scoreSection(false, checks)).toEqual({ value: null, grade: 'not_assessed' });
  });

  it('keeps at most MAX_EVIDENCE lines per finding and counts the rest', () => {
    const facts = Array.from({ length: MAX_EVIDENCE + 7 }, (_, i) => fact('open_port', { host: `h${i}`, port: 445 }));
    const f = runAssessment(rules, facts, 0).sections.find((s) => s.id === 'network')!.findings[0]!;
    expect(f.evidence).toHaveLength(MAX_EVIDENCE);
    expect(f.moreEvidence).toBe(7);
  });

  it('counts a rule once however many facts match it', () => {
    const host = (accounts: number) => {
      const facts = [...Array.from({ length: accounts }, (_, i) => fact('account', { user: `u${i}`, uid: 0 })), fact('sshd', { host: 'h', passwordAuthentication: 'no' })];
      return runAssessment(rules, facts, 0).sections.find((s) => s.id === 'host')!;
    };
    // critical (40) failed, medium (10) passed: 10 of 50, whether one account or three has uid 0
    expect(host(3).score.value).toBe(20);
    expect(host(3).score).toEqual(host(1).score);
    expect(host(3).findings[0]!.moreEvidence + host(3).findings[0]!.evidence.length).toBe(3);
  });

  it.each([
    [100, 'good'],
    [85, 'good'],
    [84, 'fair'],
    [70, 'fair'],
    [69, 'poor'],
    [50, 'poor'],
    [49, 'critical'],
    [null, 'not_assessed'],
  ] as const)('grades %s as %s', (v, g) => {
    expect(gradeOf(v)).toBe(g);
  });
});
