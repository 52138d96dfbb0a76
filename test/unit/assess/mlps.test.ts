import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/daemon/assess/check-status.js';
import { loadMlps } from '../../../src/daemon/assess/mlps/mlps-catalogue.js';
import { mlpsSummary } from '../../../src/daemon/assess/mlps/mlps-status.js';
import { loadRulePacks } from '../../../src/daemon/assess/rule-pack.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const rules = loadRulePacks(join(ROOT, 'config', 'assessment'));
const ids = rules.map((r) => r.id);
const data = loadMlps(join(ROOT, 'config', 'mlps'), ids);

const check = (id: string, status: CheckResult['status']): CheckResult => ({ id, status, counts: { fail: 0, pass: 0, not_collected: 0, not_applicable: 0, [status]: 1 } });

describe('MLPS 2.0 (GB/T 22239-2019) mapping', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'socdeck-mlps-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('maps every shipped rule by id, leaves out the physical environment, and names documentary items per family', () => {
    expect(Object.keys(data.mapping).sort()).toEqual([...ids].sort());
    expect(Object.keys(data.families)).not.toContain('physical_environment');
    expect(data.controls.filter((c) => c.evidence === 'document').length).toBeGreaterThan(20);
    // every technical family has at least one item a rule is evidence for
    const mapped = new Set(Object.values(data.mapping).flat());
    for (const fam of ['communication_network', 'area_boundary', 'computing_environment', 'management_center'])
      expect(
        data.controls.some((c) => c.family === fam && mapped.has(c.id)),
        fam,
      ).toBe(true);
  });

  it('refuses a mapping that misses a rule or names an unknown control (so a new pack must add its ids, as the Tencent Cloud pack did)', () => {
    cpSync(join(ROOT, 'config', 'mlps'), tmp, { recursive: true });
    expect(() => loadMlps(tmp, [...ids, 'XCLOUD-001'])).toThrow(/no entry for rule\(s\) XCLOUD-001/);
    const map = readFileSync(join(tmp, 'mapping.yaml'), 'utf8').replace('SSH-002: [CE-IA-unique]', 'SSH-002: [CE-IA-nonsense]');
    writeFileSync(join(tmp, 'mapping.yaml'), map);
    expect(() => loadMlps(tmp, ids)).toThrow('rules.SSH-002: unknown control "CE-IA-nonsense"');
  });

  it('fails an item when a mapped rule failed, passes it on a pass, and leaves it not assessed without a verdict', () => {
    const s = mlpsSummary(data, 3, [check('SSH-002', 'pass'), check('AUTH-001', 'fail'), check('AUTH-021', 'pass'), check('SSH-011', 'not_collected')]);
    const item = (id: string) => s.families.flatMap((f) => f.items).find((i) => i.control.id === id)!;
    expect(item('CE-IA-unique')).toMatchObject({ status: 'failed', rules: ['AUTH-001'] });
    expect(item('CE-IA-lockout')).toMatchObject({ status: 'passed', rules: ['AUTH-021'] });
    expect(item('CE-IA-remote').status).toBe('not_assessed');
    expect(s.counts.failed).toBe(1);
    expect(s.counts.passed).toBe(1);
  });

  it('lists only the items of the filing level: level 2 has no two-factor or central-control items', () => {
    const l2 = mlpsSummary(data, 2, []);
    const l3 = mlpsSummary(data, 3, []);
    const items = (s: typeof l2) => s.families.flatMap((f) => f.items.map((i) => i.control.id));
    expect(items(l3)).toContain('CE-IA-2fa');
    expect(items(l2)).not.toContain('CE-IA-2fa');
    expect(items(l2)).not.toContain('MC-CC-logs');
    expect(items(l2).length).toBeLessThan(items(l3).length);
  });
});
