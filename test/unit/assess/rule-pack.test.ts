import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRulePacks, parseRulePack } from '../../../src/daemon/assess/rule-pack.js';

const RULE = `  - id: TEST-001
    section: host
    severity: high
    fact: sshd
    title: { en: T, zh-CN: T }
    rationale: { en: R, zh-CN: R }
    remediation: { en: M, zh-CN: M }
    when: { field: permitRootLogin, eq: "yes" }
    evidence: "{host}"
`;

describe('rule packs', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('parses a valid pack', () => {
    const rules = parseRulePack(`pack: t\nrules:\n${RULE}`, 't.yaml');
    expect(rules.map((r) => r.id)).toEqual(['TEST-001']);
  });

  it('names the file, line and field of a bad rule', () => {
    const bad = `pack: t\nrules:\n${RULE.replace('severity: high', 'severity: severe')}`;
    expect(() => parseRulePack(bad, 'packs/t.yaml')).toThrow(/packs\/t\.yaml:5: rules\.0\.severity:/);
  });

  it('names the line of a YAML syntax error', () => {
    expect(() => parseRulePack('pack: t\nrules: [\n', 'x.yaml')).toThrow(/^x\.yaml:\d+:/);
  });

  it('refuses a rule id defined twice across packs', () => {
    const dir = join(tmpdir(), `socdeck-packs-${process.pid}-${Date.now()}`);
    dirs.push(dir);
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), `pack: a\nrules:\n${RULE}`);
    writeFileSync(join(dir, 'b.yaml'), `pack: b\nrules:\n${RULE}`);
    expect(() => loadRulePacks(dir)).toThrow(/TEST-001 is already defined in .*a\.yaml/);
  });
});
