import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRule } from '../../../src/daemon/assess/check-status.js';
import { loadRulePacks, type Rule } from '../../../src/daemon/assess/rule-pack.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CASES = join(ROOT, 'test', 'fixtures', 'reports', 'assess', 'rules');
/** Table of cases for the host baseline packs, one entry per rule id. */
const HOST_CASES = parse(readFileSync(join(ROOT, 'test', 'fixtures', 'assess', 'host-rule-cases.yaml'), 'utf8')) as Record<string, Cases>;
/** Fixtures with dates (certificate expiry, kernel age) are written against this instant. */
const NOW = Date.parse('2026-11-25T00:00:00Z');

interface Cases {
  positive?: Record<string, unknown>[];
  negative?: (Record<string, unknown> | null)[];
}

const rules = loadRulePacks(join(ROOT, 'config', 'assessment'));

/** A `null` case means "the probe ran and found no such item" (no unowned file at all). */
const statusOf = (rule: Rule, data: Record<string, unknown> | null) =>
  checkRule(rule, data === null ? [] : [{ kind: rule.fact, origin: 'case', data: { host: 'h1', ...data } }], true, NOW).result.status;

function casesOf(id: string): Cases {
  const file = join(CASES, `${id}.yaml`);
  return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as Cases) : (HOST_CASES[id] ?? {});
}

describe('shipped assessment rules', () => {
  it('cover all seven sections', () => {
    expect(new Set(rules.map((r) => r.section)).size).toBe(7);
  });

  it('have at least 150 host baseline checks', () => {
    expect(rules.filter((r) => r.section === 'host').length).toBeGreaterThanOrEqual(150);
  });

  it('have no case without a rule (a renamed id would leave its cases untested)', () => {
    const ids = new Set(rules.map((r) => r.id));
    expect(Object.keys(HOST_CASES).filter((id) => !ids.has(id))).toEqual([]);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const cases = casesOf(id);

    it('has a positive and a negative fixture', () => {
      expect(cases.positive?.length ?? 0, `${id} needs positive facts`).toBeGreaterThan(0);
      expect(cases.negative?.length ?? 0, `${id} needs negative facts`).toBeGreaterThan(0);
    });

    it('fails on its positive facts and passes on its negative ones (never "not collected")', () => {
      for (const fact of cases.positive ?? []) expect(statusOf(rule, fact), JSON.stringify(fact)).toBe('fail');
      for (const fact of cases.negative ?? []) expect(statusOf(rule, fact), JSON.stringify(fact)).not.toBe('fail');
      if (HOST_CASES[id]) for (const fact of cases.negative ?? []) expect(statusOf(rule, fact), JSON.stringify(fact)).toBe('pass');
    });
  });
});
