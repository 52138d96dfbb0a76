import { describe, expect, it } from 'vitest';
import { buildIncidentReport } from '../../../src/daemon/incidents/report-data.js';
import { renderIncidentReportMarkdown } from '../../../src/daemon/incidents/report-markdown.js';
import type { Alert } from '../../../src/shared/alert.js';
import type { Incident } from '../../../src/shared/incident.js';

const INCIDENT: Incident = {
  id: 'INC-20261125-AB12',
  customer: 'acme',
  title: 'Web shell | defaced home page',
  type: 'web-trojan',
  severity: 'high',
  status: 'closed',
  owner: 'alice',
  impact: 'Portal served a drive-by script for 3 h',
  linkedAlerts: ['a1', 'gone'],
  absorbedAlerts: ['a1', 'gone'],
  links: [{ kind: 'finding', id: 'F-9' }],
  observables: [{ kind: 'ip', value: '203.0.113.7', source: 'alert:a1', addedBy: 'alice', addedAt: '2026-11-25T01:00:00.000Z' }],
  timeline: [
    { at: '2026-11-25T03:00:00.000Z', actor: 'bob', kind: 'note', text: 'site restored\nfrom release 4.2' },
    { at: '2026-11-25T01:00:00.000Z', actor: 'alice', kind: 'event', text: 'opened from 1 alert' },
  ],
  checklist: [
    { step: 'ct-offline', phase: 'contain', text: '下线 / Take offline', done: true, by: 'bob', at: '2026-11-25T02:00:00.000Z' },
    { step: 'id-webshell', phase: 'identify', text: '查找 / Find', done: true, by: 'alice', at: '2026-11-25T02:30:00.000Z' },
    { step: 'er-clean', phase: 'eradicate', text: '清除 / Clean', done: false, by: 'bob', at: '2026-11-25T02:40:00.000Z' },
  ],
  playbook: {
    id: 'web-trojan',
    file: 'network-attack/web-trojan.md',
    commit: 'abcdef0123456789abcdef0123456789abcdef01',
    contentHash: 'h',
    pinnedAt: '',
    pinnedBy: 'alice',
    steps: [
      { id: 'id-webshell', phase: 'identify', zh: '查找 Webshell', en: 'Find webshells' },
      { id: 'ct-offline', phase: 'contain', zh: '下线页面', en: 'Pull infected pages' },
      { id: 'er-clean', phase: 'eradicate', zh: '重新部署', en: 'Redeploy' },
      { id: 'ls-harden', phase: 'lessons', zh: '加固：文件完整性监控', en: 'Harden: file integrity monitoring' },
    ],
  },
  loss: '3 h of tainted pages; no data taken',
  rootCause: 'Unauthenticated upload in /admin/upload.php',
  hardening: ['Make the web root read-only'],
  createdBy: 'alice',
  createdAt: '2026-11-25T01:00:00.000Z',
  openedAt: '2026-11-25T01:00:00.000Z',
  updatedAt: '2026-11-25T04:00:00.000Z',
  closedAt: '2026-11-25T04:00:00.000Z',
  rev: 7,
};

const alert = (id: string) => (id === 'a1' ? ({ id, title: 'Webshell access', severity: 'high', host: 'web-01' } as Alert) : undefined);

describe('Incident Response Report', () => {
  const report = buildIncidentReport(INCIDENT, { alert, playbook: undefined, now: '2026-11-25T05:00:00.000Z', actor: 'carol' });

  it('orders actions by phase, lists open steps, and adds playbook hardening advice after the analyst items', () => {
    expect(report.incident).toMatchObject({ durationMinutes: 180, type: { zh: '网页木马 / 挂马', category: { en: 'Network attack' } } });
    expect(report.actions.map((a) => [a.phase, a.step, a.en, a.by])).toEqual([
      ['identify', 'id-webshell', 'Find webshells', 'alice'],
      ['contain', 'ct-offline', 'Pull infected pages', 'bob'],
    ]);
    expect(report.openSteps.map((s) => s.step)).toEqual(['er-clean', 'ls-harden']);
    expect(report.hardening).toEqual(['Make the web root read-only', '加固：文件完整性监控 / Harden: file integrity monitoring']);
    expect(report.timeline.map((e) => e.at)).toEqual(['2026-11-25T01:00:00.000Z', '2026-11-25T03:00:00.000Z']);
    expect(report.linked.alerts).toEqual([
      { id: 'a1', title: 'Webshell access', severity: 'high', host: 'web-01' },
      { id: 'gone', title: '(no longer in the store)' },
    ]);
  });

  it('renders Markdown whose table rows survive pipes and newlines in free text', () => {
    const md = renderIncidentReportMarkdown(report);
    expect(md).toContain('**Web shell \\| defaced home page**');
    expect(md).toContain('| 2026-11-25T03:00:00.000Z | bob | 📝 site restored from release 4.2 |');
    expect(md).toContain('| 剧本 Playbook | web-trojan @ abcdef012345 |');
    expect(md).toContain('| 处置时长 Duration | 180 min |');
    expect(md).toContain('Unauthenticated upload in /admin/upload.php');
    expect(md).toContain('- finding `F-9`');
    for (const line of md.split('\n').filter((l) => l.startsWith('| 20'))) expect(line.split(/(?<!\\)\|/).length).toBe(5);
  });
});
