import { describe, expect, it } from 'vitest';
import { startTestDaemon } from '../../support/daemon.js';
import { newStore, renderApp } from '../../unit/tui/render-app.js';

/** Wazuh 4.x records in the stock shape, hand-written values (documentation address range). */
const wazuh = (ruleId: string, at: string, mitre: { id: string[]; tactic: string[] }) => ({
  timestamp: at,
  rule: { level: 10, description: `rule ${ruleId} on web-01`, id: ruleId, mitre, groups: ['test'] },
  agent: { id: '001', name: 'web-01' },
  data: { srcip: '203.0.113.7' },
});

describe(':cases view', () => {
  it('lists a case, shows its timeline on enter, and e escalates it to an incident with every alert', async () => {
    const d = await startTestDaemon();
    const client = await d.connect('alice');
    const app = renderApp(newStore('alice'), client);
    try {
      await client.request('alerts.ingest', {
        source: 'test',
        records: [
          wazuh('5710', '2026-03-02T01:00:00.000+0000', { id: ['T1110.001'], tactic: ['Credential Access'] }),
          wazuh('100200', '2026-03-02T01:40:00.000+0000', { id: ['T1053.003'], tactic: ['Persistence'] }),
        ],
      });
      await app.press(':');
      await app.type('cases');
      await app.press('\r');
      await app.waitFor((f) => f.includes('1 of 1 cases'), 'the case row');
      expect(app.frame()).toMatch(/C-\w+\s+\d+\s+medium\s+open\s+2\s+persistence>credential-access\s+Brute force, then/);
      await app.press('\r');
      await app.waitFor((f) => f.includes('suggests other-malware') && f.includes('rule 100200 on web-01'), 'the timeline');
      await app.press('e');
      await app.waitFor((f) => /escalated to INC-/.test(f), 'the escalation message');
      const { cases } = await client.request('cases.list', { limit: 10 });
      const { incident } = await client.request('incidents.get', { id: cases[0]!.incidentId! });
      expect(new Set(incident.linkedAlerts)).toEqual(new Set(cases[0]!.alertIds));
    } finally {
      app.unmount();
      await d.stop();
    }
  });
});
