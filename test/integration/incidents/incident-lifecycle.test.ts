import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makePlaybookRepo, playbookOverrides, type PlaybookRepo } from '../playbooks/playbook-repo.js';

// A Suricata EVE alert (same shape as the server protocol test's sample).
const SURICATA = {
  timestamp: '2022-07-10T23:50:05.533101+0000',
  flow_id: 1258832998001901,
  event_type: 'alert',
  src_ip: '203.0.113.7',
  src_port: 52812,
  dest_ip: '10.0.0.5',
  dest_port: 80,
  proto: 'TCP',
  alert: { action: 'allowed', gid: 1, signature_id: 2024468, rev: 3, signature: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection', category: 'Attempted User Privilege Gain', severity: 1 },
};

let td: TestDaemon;
let repo: PlaybookRepo;
let c: SocdeckClient;

beforeAll(async () => {
  repo = makePlaybookRepo();
  td = await startTestDaemon({ configOverrides: playbookOverrides(repo.dir) });
  c = await td.connect('carol');
});

afterAll(async () => {
  await td.stop();
  repo.cleanup();
});

async function ingest(record: object): Promise<string> {
  const res = await c.request('alerts.ingest', { source: 'test', records: [record] });
  return res.alertIds[0]!;
}

describe('incidents', () => {
  it('adopts an incident escalated by triage: alert and observables linked, playbook of its type pinned', async () => {
    const alertId = await ingest(SURICATA);
    const esc = await c.request('alerts.escalate', { targets: [{ id: alertId }], type: 'exploitation' });
    const { incident, observableHits } = await c.request('incidents.get', { id: esc.incidentId! });
    expect(incident).toMatchObject({ type: 'exploitation', status: 'open', linkedAlerts: [alertId], createdBy: 'carol' });
    expect(incident.playbook).toMatchObject({ id: 'exploitation', commit: repo.git('rev-parse', 'HEAD') });
    expect(incident.observables.map((o) => [o.kind, o.value, o.source])).toEqual(
      expect.arrayContaining([
        ['ip', '203.0.113.7', `alert:${alertId}`],
        ['ip', '10.0.0.5', `alert:${alertId}`],
      ]),
    );
    expect(observableHits.find((h) => h.value === '203.0.113.7')?.alerts).toEqual([alertId]);
    expect(incident.timeline.map((e) => e.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^alert .* linked: \[high\] ET WEB_SPECIFIC_APPS OGNL/), expect.stringMatching(/^pinned playbook exploitation/)]),
    );
  });

  it('opens from alerts by hand, links observables to other alerts that carry them, and guesses the type', async () => {
    const a1 = await ingest({ ...SURICATA, src_ip: '198.51.100.9', flow_id: 2 });
    const a2 = await ingest({
      ...SURICATA,
      src_ip: '198.51.100.9',
      dest_ip: '10.0.0.6',
      flow_id: 3,
      alert: { ...SURICATA.alert, signature_id: 2024469, signature: 'ET SCAN Nmap Scripting Engine probe' },
    });
    const { incident } = await c.request('incidents.create', { fromAlerts: [a1] });
    expect(incident.type).toBe('exploitation');
    expect(incident.title).toContain('OGNL Expression Injection');
    const view = await c.request('incidents.get', { id: incident.id });
    expect(view.observableHits.find((h) => h.value === '198.51.100.9')?.alerts.sort()).toEqual([a1, a2].sort());
    const linked = await c.request('incidents.link', { id: incident.id, alerts: [a2], items: [{ kind: 'advisory', id: 'CVE-2017-5638' }] });
    expect(linked.incident.linkedAlerts).toEqual([a1, a2]);
    expect(linked.incident.observables.some((o) => o.value === '10.0.0.6')).toBe(true);
  });

  it('moves forward only, needs root cause and loss to close, and writes the Incident Response Report', async () => {
    const { incident } = await c.request('incidents.create', { type: 'credential-leak', title: 'AccessKey in public repo', impact: 'OSS bucket readable for 2 days' });
    await expect(c.request('incidents.update', { id: incident.id, rev: incident.rev + 5, owner: 'dave' })).rejects.toMatchObject({ code: 'conflict' });
    await c.request('incidents.check', { id: incident.id, step: 'ct-revoke', done: true });
    await c.request('incidents.note', { id: incident.id, text: 'Key disabled in RAM console at 10:42' });
    await c.request('incidents.transition', { id: incident.id, status: 'contained' });
    await expect(c.request('incidents.transition', { id: incident.id, status: 'open' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(c.request('incidents.transition', { id: incident.id, status: 'closed' })).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining('root cause and loss assessment'),
    });
    await c.request('incidents.update', {
      id: incident.id,
      rootCause: 'Developer committed .env to a public fork',
      loss: 'No misuse found in ActionTrail; 0 records exposed',
      hardening: ['Enable pre-commit secret scanning'],
    });
    const closed = await c.request('incidents.transition', { id: incident.id, status: 'closed', reason: 'key rotated, history purged' });
    expect(closed.incident).toMatchObject({ status: 'closed', closedAt: expect.any(String) });

    const { report, markdown } = await c.request('incidents.report', { id: incident.id });
    expect(report.actions.map((a) => [a.step, a.by])).toEqual([['ct-revoke', 'carol']]);
    expect(report.hardening[0]).toBe('Enable pre-commit secret scanning');
    // Then the advice of the playbook the incident followed.
    expect(report.hardening[1]).toContain('Harden: a secrets manager, pre-commit scanning');
    for (const s of ['## 时间线 / Timeline', '## 处置措施 / Actions taken', '## 损失评估 / Loss assessment', '## 根本原因 / Root cause', '## 加固建议 / Hardening advice'])
      expect(markdown).toContain(s);
    expect(markdown).toContain('Key disabled in RAM console at 10:42');
    expect(markdown).toContain('Developer committed .env to a public fork');
    expect(markdown).toContain('| 状态 Status | closed |');

    const audit = await c.request('audit.list', { limit: 50 });
    expect(audit.entries.filter((e) => e.target.id === incident.id).map((e) => [e.action, e.actor])).toEqual(
      expect.arrayContaining([
        ['incident.create', 'carol'],
        ['incident.check', 'carol'],
        ['incident.transition', 'carol'],
      ]),
    );
  });
});
