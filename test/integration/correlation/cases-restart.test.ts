import { describe, expect, it } from 'vitest';
import { escalateCase } from '../../../src/client/case-escalation.js';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { Case } from '../../../src/shared/case.js';
import { startTestDaemon, tempDir } from '../../support/daemon.js';

/** A Wazuh 4.x alerts.json record in the shape of the stock sshd / custom rules (hand-written values). */
function wazuh(ruleId: string, at: string, host: string, mitre: { id: string[]; tactic: string[] }, srcip?: string): Record<string, unknown> {
  return {
    timestamp: at,
    rule: { level: 10, description: `rule ${ruleId}`, id: ruleId, mitre: { ...mitre, technique: [] }, groups: ['test'] },
    agent: { id: '001', name: host },
    manager: { name: 'wazuh-manager' },
    id: `${ruleId}.${at}`,
    data: srcip ? { srcip } : {},
  };
}

/** Cases appear once the engine has taken the bus batch; bounded wait. */
async function casesOf(c: SocdeckClient, want: (cases: Case[]) => boolean): Promise<Case[]> {
  for (let i = 0; i < 100; i++) {
    const { cases } = await c.request('cases.list', { limit: 100 });
    if (want(cases)) return cases;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('cases did not appear');
}

describe('correlation through the real daemon', () => {
  it('a restart between the brute force and the persistence keeps the case whole; the case escalates with every alert', async () => {
    const dataDir = tempDir();
    const first = await startTestDaemon({ dataDir });
    const c1 = await first.connect('alice');
    const brute = await c1.request('alerts.ingest', {
      source: 'test',
      records: [
        wazuh('5710', '2026-03-02T01:00:00.000+0000', 'web-01', { id: ['T1110.001'], tactic: ['Credential Access'] }, '203.0.113.7'),
        wazuh('5712', '2026-03-02T01:02:00.000+0000', 'web-01', { id: ['T1110'], tactic: ['Credential Access'] }, '203.0.113.7'),
      ],
    });
    // Give the engine the batch before the stop (stop also waits for it).
    await first.stop();

    const second = await startTestDaemon({ dataDir });
    try {
      // A new analyst on the restarted daemon: the first one's user already exists in the data dir.
      const c2 = await second.connect('carol');
      expect((await c2.request('cases.list', { limit: 10 })).total).toBe(0);
      const cron = await c2.request('alerts.ingest', { source: 'test', records: [wazuh('100200', '2026-03-02T02:30:00.000+0000', 'web-01', { id: ['T1053.003'], tactic: ['Persistence'] })] });
      const [kase] = await casesOf(c2, (cs) => cs.some((x) => x.rule === 'brute-force-then-persistence'));
      expect(kase!.rule).toBe('brute-force-then-persistence');
      expect(kase!.entity).toEqual({ kind: 'host', value: 'web-01' });
      expect(new Set(kase!.alertIds)).toEqual(new Set([...brute.alertIds, ...cron.alertIds]));
      expect(kase!.tactics).toEqual(['persistence', 'credential-access']);
      expect(kase!.timeline.map((t) => t.at)).toEqual(['2026-03-02T01:00:00.000Z', '2026-03-02T01:02:00.000Z', '2026-03-02T02:30:00.000Z']);
      expect(kase!.suggested.reason).toMatch(/brute-force-then-persistence/);

      const { incidentId, case: escalated } = await escalateCase(c2, kase!.id);
      expect(escalated).toMatchObject({ state: 'escalated', incidentId });
      const { incident } = await c2.request('incidents.get', { id: incidentId });
      expect(new Set(incident.linkedAlerts)).toEqual(new Set(kase!.alertIds));
      const audit = await c2.request('audit.list', { limit: 50 });
      expect(audit.entries.some((e) => e.target.kind === 'case' && e.action === 'escalate' && e.actor === 'carol')).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('merges and splits cases by hand, attributed and audited', async () => {
    const d = await startTestDaemon();
    try {
      const c = await d.connect('bob');
      const hosts = ['web-01', 'web-02'];
      for (const host of hosts) {
        await c.request('alerts.ingest', {
          source: 'test',
          records: [
            wazuh('5710', '2026-03-02T01:00:00.000+0000', host, { id: ['T1110.001'], tactic: ['Credential Access'] }),
            wazuh('100200', '2026-03-02T01:30:00.000+0000', host, { id: ['T1053.003'], tactic: ['Persistence'] }),
          ],
        });
      }
      const cases = await casesOf(c, (cs) => cs.filter((x) => x.rule === 'brute-force-then-persistence').length === 2);
      const [a, b] = cases.filter((x) => x.rule === 'brute-force-then-persistence');
      const merged = await c.request('cases.merge', { ids: [a!.id, b!.id] });
      expect(merged.alertIds).toHaveLength(4);
      expect((await c.request('cases.get', { id: b!.id })).state).toBe('merged');
      const moved = b!.alertIds;
      const { from, to } = await c.request('cases.split', { id: a!.id, alertIds: moved });
      expect(new Set(from.alertIds)).toEqual(new Set(a!.alertIds));
      expect(new Set(to.alertIds)).toEqual(new Set(moved));
      await expect(c.request('cases.split', { id: a!.id, alertIds: a!.alertIds })).rejects.toThrow(/at least one alert/);
      const audit = await c.request('audit.list', { limit: 50 });
      expect(
        audit.entries
          .filter((e) => e.target.kind === 'case' && e.actor === 'bob')
          .map((e) => e.action)
          .sort(),
      ).toEqual(['merge', 'split']);
    } finally {
      await d.stop();
    }
  });
});
