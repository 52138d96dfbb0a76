import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detect } from '../../../src/daemon/leaks/detect.js';
import { loadRuleSet } from '../../../src/daemon/leaks/rules.js';
import { scanText } from '../../../src/daemon/leaks/scan-text.js';
import { notAKey, NOT_SECRETS, NP_TO_RULE } from '../../fixtures/leaks/corpus/noseyparker-map.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/leaks/', import.meta.url));
const rules = loadRuleSet();

interface NpRule {
  id: string;
  name: string;
  examples?: string[];
  negative_examples?: string[];
}

const npRules: (NpRule & { file: string })[] = readdirSync(join(FIXTURES, 'noseyparker'))
  .filter((f) => f.endsWith('.yml'))
  .flatMap((f) => (parse(readFileSync(join(FIXTURES, 'noseyparker', f), 'utf8')) as { rules: NpRule[] }).rules.map((r) => ({ ...r, file: f })));

const cases = npRules
  .filter((r) => !(r.id in NOT_SECRETS))
  .flatMap((r) => [
    ...(r.examples ?? []).map((text, i) => ({ np: r.id, rule: NP_TO_RULE[r.id], kind: notAKey(rules, NP_TO_RULE[r.id], text) ? ('drops (not a key)' as const) : ('finds' as const), i, text })),
    ...(r.negative_examples ?? []).map((text, i) => ({ np: r.id, rule: NP_TO_RULE[r.id], kind: 'ignores' as const, i, text })),
  ]);

describe('detectors against the noseyparker corpus', () => {
  it('maps every noseyparker rule to a socdeck rule or an explicit non-secret reason', () => {
    const unmapped = npRules.filter((r) => !(r.id in NP_TO_RULE) && !(r.id in NOT_SECRETS)).map((r) => r.id);
    expect(unmapped).toEqual([]);
    for (const id of Object.values(NP_TO_RULE)) expect(rules.byId.has(id), id).toBe(true);
  });

  it.each(cases)('$np $kind example $i with $rule', ({ rule, kind, text }) => {
    const ids = scanText(text, { file: 'example.txt' }, { ruleSet: rules, baseline: new Set(), suppressed: { allowlist: 0, inline: 0, baseline: 0 } }).map((m) => m.rule);
    if (kind === 'finds') expect(ids).toContain(rule);
    else expect(ids).not.toContain(rule);
  });
});

describe('detectors against the gitleaks samples', () => {
  it.each([
    ['nogit_main.go.txt', 'aws-access-key-id', 20],
    ['nogit_env.prod.txt', 'generic-username-password', 4],
    ['symlinks_id_ed25519.txt', 'private-key', 2],
  ])('%s: %s on line %i', (file, rule, line) => {
    const found = detect(readFileSync(join(FIXTURES, 'gitleaks', file), 'utf8'), rules);
    expect(found.map((m) => [m.rule.id, m.line])).toContainEqual([rule, line]);
  });
});
