import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAssessment } from '../../../src/daemon/assess/engine.js';
import { loadRulePacks, type Rule } from '../../../src/daemon/assess/rule-pack.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CASES = join(ROOT, 'test', 'fixtures', 'reports', 'assess', 'rules');
/** Fixtures with dates (certificate expiry, kernel age) are written against this instant. */
const NOW = Date.parse('2026-11-25T00:00:00Z');

const rules = loadRulePacks(join(ROOT, 'config', 'assessment'));

function fires(rule: Rule, data: Record<string, unknown>): boolean {
  const result = runAssessment([rule], [{ kind: rule.fact, origin: 'case', data }], NOW);
  return result.sections.some((s) => s.findings.some((f) => f.rule.id === rule.id));
}

describe('shipped assessment rules', () => {
  it('cover all seven sections', () => {
    expect(new Set(rules.map((r) => r.section)).size).toBe(7);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const file = join(CASES, `${id}.yaml`);
    const cases = existsSync(file) ? (parse(readFileSync(file, 'utf8')) as { positive?: Record<string, unknown>[]; negative?: Record<string, unknown>[] }) : {};

    it('has a positive and a negative fixture', () => {
      expect(cases.positive?.length ?? 0, `${file} needs positive facts`).toBeGreaterThan(0);
      expect(cases.negative?.length ?? 0, `${file} needs negative facts`).toBeGreaterThan(0);
    });

    it.each((cases.positive ?? []).map((f, i) => [i, f] as const))('fires on positive fact %i', (_i, fact) => {
      expect(fires(rule, fact)).toBe(true);
    });

    it.each((cases.negative ?? []).map((f, i) => [i, f] as const))('stays quiet on negative fact %i', (_i, fact) => {
      expect(fires(rule, fact)).toBe(false);
    });
  });
});
