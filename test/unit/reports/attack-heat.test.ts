import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackHeat } from '../../../src/daemon/reports/builders/attack-heat.js';
import { buildWeeklyOps } from '../../../src/daemon/reports/builders/weekly-ops.js';
import { heatColor } from '../../../src/daemon/reports/charts/heat-map.js';
import { composeWeeklyOps } from '../../../src/daemon/reports/compose/weekly-ops-doc.js';
import { createLocale } from '../../../src/daemon/reports/i18n/locale.js';
import { AlertRecord } from '../../../src/daemon/reports/inputs/records.js';
import { renderHtml } from '../../../src/daemon/reports/render/html.js';
import { renderMarkdown } from '../../../src/daemon/reports/render/markdown.js';
import { parsePeriod } from '../../../src/daemon/reports/time/period.js';
import { attackEnricherFor, AttackConfig } from '../../../src/daemon/sources/attack/attack-config.js';
import { newAlert } from '../../../src/daemon/sources/alert-intake.js';
import { DEFAULT_PARSERS } from '../../../src/daemon/sources/parsers/registry.js';

const TZ = 'Asia/Shanghai';
const period = parsePeriod('week', '2026-W47', TZ);
/** Hand-written Wazuh 4.x alerts.json records (see test/fixtures/sources), through the real parser and ATT&CK placement. */
const RECORDS = readFileSync('test/fixtures/sources/wazuh4_alerts_handwritten.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const { enrich } = attackEnricherFor(AttackConfig.parse({}));

function ingest(rec: Record<string, unknown>, id: string, customer: string, at: string): AlertRecord {
  const parsed = DEFAULT_PARSERS.parse({ ...rec, timestamp: at });
  if (parsed.kind !== 'alert') throw new Error(`fixture record ${id} rejected`);
  const a = newAlert(parsed.fields, { id, fingerprint: id, source: 'wazuh', raw: '{}' });
  a.customer = customer;
  enrich(a, parsed.fields);
  return AlertRecord.parse(a);
}

/** 3 × record 0 (T1110.001) and 1 × record 1 for acme, 2 × record 0 for beta, one of last week. */
function week(): AlertRecord[] {
  const at = (d: number) => `2026-11-${16 + d}T02:00:00.000+0000`;
  return [
    ingest(RECORDS[0]!, 'a1', 'acme', at(0)),
    ingest(RECORDS[0]!, 'a2', 'acme', at(1)),
    ingest(RECORDS[0]!, 'a3', 'acme', at(2)),
    ingest(RECORDS[1]!, 'a4', 'acme', at(3)),
    ingest(RECORDS[0]!, 'b1', 'beta', at(1)),
    ingest(RECORDS[0]!, 'b2', 'beta', at(4)),
    ingest(RECORDS[0]!, 'old', 'beta', '2026-11-10T02:00:00.000+0000'),
  ];
}

describe('weekly ATT&CK coverage heat table', () => {
  it('counts alerts per technique and customer from real parsed alerts', () => {
    const alerts = week();
    const second = alerts[3]!.attack?.map((x) => x.subtechnique ?? x.technique) ?? [];
    expect(alerts[0]!.attack?.[0]?.subtechnique).toBe('T1110.001');
    const heat = attackHeat(alerts.slice(0, 6), 10);
    expect(heat.customers).toEqual(['acme', 'beta']);
    const row = (t: string) => heat.rows.find((r) => r.technique === t)?.counts;
    expect(row('T1110.001')).toEqual([3, 2]);
    for (const t of second) expect(row(t)?.[0]).toBeGreaterThanOrEqual(1);
    expect(heat.rows[0]!.technique).toBe('T1110.001');
    expect(heat.max).toBe(3);
    expect(attackHeat(alerts, 1).rows).toHaveLength(1);
  });

  it('the weekly report shows the heat table as inline SVG and a Markdown table; hostile names are escaped', () => {
    const alerts = week().filter((a) => a.customer === 'acme');
    // A customer label cannot carry markup, but an ATT&CK id read from a product can: make one hostile.
    alerts[3]!.attack = [{ tactic: 'execution', technique: '<script>x</script>\u001b[2J' }];
    const data = buildWeeklyOps({ period, alerts, slaPhases: [], incidents: [], tuning: { minAlerts: 2, minFpRate: 0.6 } });
    expect(data.attack.rows.map((r) => [r.technique, r.counts])).toEqual([
      ['T1110.001', [3]],
      ['<script>x</script>\u001b[2J', [1]],
    ]);
    const doc = composeWeeklyOps(data, { locale: createLocale('en', TZ), customer: 'acme', subject: period.label, generatedAt: period.end, dataNotes: [] });
    const html = renderHtml(doc);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;\\x1b[2J');
    const svg = /<figcaption>Alerts per ATT&amp;CK technique and customer<\/figcaption>(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1];
    expect(svg).toBeDefined();
    // One cell per technique × customer; the T1110.001 / acme cell says 3 in the top colour.
    expect(svg!.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('<title>T1110.001 / acme: 3</title>');
    expect(svg).toContain(`fill="${heatColor(3, 3)}"`);
    expect(heatColor(3, 3)).not.toBe(heatColor(1, 3));
    const md = renderMarkdown(doc);
    expect(md).toContain('| Technique | acme |');
    expect(md).toContain('| T1110.001 | 3 |');
  });

  it('a week without ATT&CK placements says so', () => {
    const data = buildWeeklyOps({ period, alerts: [], slaPhases: [], incidents: [], tuning: { minAlerts: 2, minFpRate: 0.6 } });
    const doc = composeWeeklyOps(data, { locale: createLocale('zh-CN', TZ), customer: 'acme', subject: period.label, generatedAt: period.end, dataNotes: [] });
    expect(renderMarkdown(doc)).toContain('本周没有告警对应到 ATT&CK 技术。');
  });
});
