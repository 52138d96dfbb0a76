import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE, runAssessment } from '../../../src/daemon/assess/engine.js';
import type { Fact } from '../../../src/daemon/assess/fact.js';
import { parseRulePack } from '../../../src/daemon/assess/rule-pack.js';
import { gradeOf } from '../../../src/daemon/assess/score.js';

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
  it('scores each section 100 minus its findings, and skips sections without facts', () => {
    const r = runAssessment(rules, [fact('account', { user: 'toor', uid: 0 }, 'passwd:2'), fact('sshd', { host: 'h', passwordAuthentication: 'yes' }), fact('open_port', { host: 'h', port: 22 })], 0);
    const host = r.sections.find((s) => s.id === 'host')!;
    const network = r.sections.find((s) => s.id === 'network')!;
    // critical 40 + medium 10 off 100
    expect(host.score).toEqual({ value: 50, grade: 'poor' });
    expect(host.findings.map((f) => f.rule.id)).toEqual(['HOST-901', 'HOST-902']);
    expect(host.findings[0]!.evidence).toEqual(['toor uid 0 (passwd:2)']);
    expect(network.score).toEqual({ value: 100, grade: 'good' });
    expect(r.sections.find((s) => s.id === 'domain')!.score).toEqual({ value: null, grade: 'not_assessed' });
    // overall = mean of assessed sections (50 + 100) / 2
    expect(r.overall).toEqual({ value: 75, grade: 'fair' });
  });

  it('keeps at most MAX_EVIDENCE lines per finding and counts the rest', () => {
    const facts = Array.from({ length: MAX_EVIDENCE + 7 }, (_, i) => fact('open_port', { host: `h${i}`, port: 445 }));
    const f = runAssessment(rules, facts, 0).sections.find((s) => s.id === 'network')!.findings[0]!;
    expect(f.evidence).toHaveLength(MAX_EVIDENCE);
    expect(f.moreEvidence).toBe(7);
  });

  it('counts a rule once however many facts match it', () => {
    const facts = [0, 1, 2].map((i) => fact('account', { user: `u${i}`, uid: 0 }));
    expect(runAssessment(rules, facts, 0).sections.find((s) => s.id === 'host')!.score.value).toBe(60);
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
