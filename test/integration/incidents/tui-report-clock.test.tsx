import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ViewStore } from '../../../src/tui/view-store.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { KEY, renderApp } from '../../unit/tui/render-app.js';
import { quiet } from '../sla/sla-harness.js';
import { shippedReportPolicies } from './report-policies.js';

const at = { now: Date.parse('2026-10-01T22:00:00+08:00') };
let td: TestDaemon;

beforeAll(async () => {
  td = await startTestDaemon({
    clock: { now: () => at.now },
    configOverrides: quiet({ incidents: { customers: { acme: { operatorClass: 'cii' } } }, sla: { tickMs: 20, policies: shippedReportPolicies() } }),
  });
});
afterEach(() => cleanup());
afterAll(async () => {
  await td.stop();
});

describe('the reporting countdown in the incident view', () => {
  it('R grades the open incident 较大 for a CII customer and the view counts the hour down', async () => {
    const client = await td.connect('alice');
    const { incident } = await client.request('incidents.create', { type: 'exploitation', title: 'web-01 intrusion', customer: 'acme', severity: 'high' });
    const store = new ViewStore({ actor: 'alice', connection: { state: 'connected', detail: '' } }, 0);
    const app = renderApp(store, client);
    await app.press(':');
    await app.type('incidents');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes(incident.id), 'the incident row');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('CHECKLIST'), 'the incident detail');

    await app.press('R');
    await app.type('较大 cii-outage-30m');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('report to the regulator by 10-01 23:00') && f.includes('1h00m left'), 'the reporting countdown');
    const { incident: graded } = await client.request('incidents.get', { id: incident.id });
    expect(graded.grading).toMatchObject({ grade: '较大', operatorClass: 'cii', by: 'alice', criteria: ['cii-outage-30m'] });

    at.now = Date.parse('2026-10-01T22:48:00+08:00');
    await app.waitFor((f) => f.includes('12m left'), 'the countdown 48 minutes on');
  }, 60_000);
});
