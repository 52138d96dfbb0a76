import { join } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../../../src/daemon/assess/rule-pack.js';
import { remask } from '../../../src/daemon/reports/compose/leak-doc.js';
import { buildReport, type BuildEnv } from '../../../src/daemon/reports/gather.js';
import { renderMarkdown } from '../../../src/daemon/reports/render/markdown.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const NOW = Date.parse('2026-11-25T03:00:00Z');

function env(data: Record<string, unknown[]>): BuildEnv {
  return {
    records: { values: <T>(c: string) => (data[c] ?? []) as T[] },
    tuning: { minAlerts: 10, minFpRate: 0.6 },
    assessment: () => ({ rules: loadRulePacks(join(ROOT, 'config', 'assessment')), facts: { facts: [], problems: [] } }),
  };
}

describe('building reports from store records', () => {
  it('skips records that do not fit and says so in the report', () => {
    const good = {
      id: 'a1',
      fingerprint: 'f',
      customer: 'default',
      source: 's',
      product: 'p',
      ruleId: 'R1',
      title: 't',
      severity: 'high',
      time: '2026-11-17T00:00:00Z',
      raw: '',
      rawLength: 0,
      firstSeen: '2026-11-17T00:00:00Z',
      lastSeen: '2026-11-17T00:00:00Z',
      count: 1,
    };
    const bad = { ...good, id: 'a2', severity: 'urgent' };
    const { doc } = buildReport({ kind: 'weekly', customer: 'default', lang: 'en', tz: 'Asia/Shanghai', now: NOW, period: '2026-W47' }, env({ alerts: [good, bad] }));
    const md = renderMarkdown(doc);
    expect(md).toContain('- **Alerts**: 1');
    expect(md).toMatch(/1 record\(s\) in alerts did not fit the report input and were left out; first: alerts\/a2: severity:/);
  });

  it('needs an item id for advisory, leak and incident reports', () => {
    expect(() => buildReport({ kind: 'incident', customer: 'default', lang: 'en', tz: 'UTC', now: NOW }, env({}))).toThrow(/needs --id/);
    expect(() => buildReport({ kind: 'leak', customer: 'default', lang: 'en', tz: 'UTC', now: NOW, id: 'nope' }, env({}))).toThrow(/no leak item "nope"/);
  });

  it('the quarterly report states that an assessment cannot guarantee every risk was found', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const md = renderMarkdown(buildReport({ kind: 'quarterly', customer: 'default', lang, tz: 'Asia/Shanghai', now: NOW, period: '2026-Q3' }, env({})).doc);
      expect(md).toMatch(lang === 'en' ? /cannot guarantee that every risk was found/ : /评估无法保证发现所有风险/);
      // Seven numbered sections follow the summary and scope.
      expect(md.match(/^## \d\. /gm)).toHaveLength(7);
    }
  });

  it('a leak report never carries more of a key than its masked edges', () => {
    const leak = {
      id: 'L1',
      customer: 'default',
      provider: 'aws',
      rule: 'aws-access-key-id',
      masked: 'AKIAIOSFODNN7EXAMPLE',
      severity: 'critical',
      state: 'open',
      detectedAt: '2026-11-24T00:00:00Z',
      remediation: [],
    };
    const md = renderMarkdown(buildReport({ kind: 'leak', customer: 'default', lang: 'en', tz: 'UTC', now: NOW, id: 'L1' }, env({ leaks: [leak] })).doc);
    expect(md).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(md).toContain('AKIA********LE');
  });

  it.each([
    ['AKIA************MPLE', 'AK********'],
    ['AKIAIOSFODNN7EXAMPLE', 'AKIA********LE'],
    ['short', 'sh********'],
    ['ab***', 'ab********'],
  ])('remask(%j) = %j', (input, want) => {
    expect(remask(input)).toBe(want);
  });
});
