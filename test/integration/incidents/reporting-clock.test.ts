import { describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { INCIDENT_TYPE_IDS } from '../../../src/shared/incident-taxonomy.js';
import { startTestDaemon } from '../../support/daemon.js';
import { quiet, startReceiver, stopAfterEach, until } from '../sla/sla-harness.js';
import { shippedReportPolicies } from './report-policies.js';

const track = stopAfterEach(['SOCDECK_TEST_REPORT_SECRET']);
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

async function start(at: { now: number }): Promise<SocdeckClient> {
  process.env.SOCDECK_TEST_REPORT_SECRET = 'report-hook-secret-0123456789';
  receiver = track(await startReceiver());
  const td = track(
    await startTestDaemon({
      clock: { now: () => at.now },
      configOverrides: quiet({
        incidents: { customers: { acme: { operatorClass: 'cii' }, ministry: { operatorClass: 'central' } } },
        sla: { tickMs: 20, policies: shippedReportPolicies(['hook']) },
        notify: { tickMs: 20, lang: 'en', channels: { hook: { type: 'webhook', url: `${receiver.url}/hook`, secret: 'env:SOCDECK_TEST_REPORT_SECRET' } } },
      }),
    }),
  );
  return td.connect();
}

async function open(c: SocdeckClient, customer: string): Promise<string> {
  const { incident } = await c.request('incidents.create', { type: INCIDENT_TYPE_IDS[0], title: 'web-01 intrusion', customer, severity: 'high', summary: 'brute force then cron persistence' });
  return incident.id;
}

describe('regulatory reporting clock', () => {
  it('较大 for a CII customer starts a 60-minute wall-clock clock escalating at 50/80/100 %, and the report carries the draft', async () => {
    const at = { now: Date.parse('2026-10-01T22:00:00+08:00') }; // a public holiday night: wall-clock must still run
    const c = await start(at);
    const id = await open(c, 'acme');
    const { incident } = await c.request('incidents.grade', { id, grade: '较大', criteria: ['cii-outage-30m'] });
    expect(incident.grading).toMatchObject({ grade: '较大', operatorClass: 'cii', reportPolicy: 'report-cii', criteria: ['cii-outage-30m'] });
    expect(incident.timeline.at(-1)?.text).toContain('graded 较大 for a cii operator');

    const clock = await until('the reporting clock', async () => (await c.request('sla.list', { kind: 'report' })).clocks[0]);
    expect(clock).toMatchObject({ itemId: id, policy: 'report-cii', calendar: '24x7', customer: 'acme' });
    expect((await c.request('sla.get', { kind: 'report', id })).responseDueAt).toBe('2026-10-01T23:00:00+08:00');

    const steps = () => receiver!.received.map((r) => (JSON.parse(r.body) as { vars: { kind: string; step: number } }).vars).map((v) => `${v.kind}:${v.step}`);
    at.now = Date.parse('2026-10-01T22:31:00+08:00');
    await until('the 50 % step', () => receiver!.received.length === 1);
    at.now = Date.parse('2026-10-01T22:49:00+08:00');
    await until('the 80 % step', () => receiver!.received.length === 2);
    at.now = Date.parse('2026-10-01T23:01:00+08:00');
    await until('the 100 % step', () => receiver!.received.length === 3);
    expect(steps()).toEqual(['report:50', 'report:80', 'report:100']);
    expect((await c.request('sla.breaches', {})).breaches).toEqual([expect.objectContaining({ kind: 'report', itemId: id, dueAt: '2026-10-01T23:00:00+08:00' })]);

    const { markdown, report } = await c.request('incidents.report', { id });
    const draft = Object.fromEntries((report.regulatorDraft ?? []).map((f) => [f.field, f.value]));
    expect(draft['报告单位 / Reporting unit']).toBe('acme（关键信息基础设施运营者）');
    expect(draft['事件级别 / Grade']).toMatch(/^较大/);
    expect(draft['报告时限 / Report due']).toBe('2026-10-01T23:00:00+08:00');
    expect(draft['定级依据 / Grading criteria']).toContain('关键信息基础设施整体中断运行 30 分钟以上');
    expect(draft['初步原因分析 / Preliminary cause']).toBe('（待填写 / to fill）');
    expect(markdown).toContain('## 网络安全事件报告（初报草稿）/ Regulator report draft');
    const archived = await c.request('reports.build', { kind: 'incident', id, customer: 'acme', format: 'md' });
    expect(archived.content).toContain('网络安全事件报告（初报草稿）');
    expect(archived.content).toContain('acme（关键信息基础设施运营者）');

    const audit = await c.request('audit.list', { action: 'incident.grade' });
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'incident.grade', target: { kind: 'incident', id } })]);
  });

  it('below 较大 starts no clock and no draft; a regrade starts and stops the clock', async () => {
    const at = { now: Date.parse('2026-03-10T10:00:00+08:00') };
    const c = await start(at);
    const id = await open(c, 'ministry');
    await c.request('incidents.grade', { id, grade: '一般', criteria: ['below-thresholds'] });
    await c.request('incidents.note', { id, text: 'let the bus settle' });
    expect((await c.request('sla.list', { kind: 'report' })).total).toBe(0);
    expect((await c.request('incidents.report', { id })).report.regulatorDraft).toBeUndefined();

    at.now = Date.parse('2026-03-10T10:05:00+08:00');
    await c.request('incidents.grade', { id, grade: '重大', criteria: ['people-1m'] });
    const clock = await until('the central clock', async () => (await c.request('sla.list', { kind: 'report' })).clocks[0]);
    expect(clock).toMatchObject({ policy: 'report-central', responseDueAt: '2026-03-10T12:05:00+08:00' });

    await c.request('incidents.grade', { id, grade: '一般' });
    await until('the clock stopped', async () => (await c.request('sla.list', { kind: 'report' })).total === 0);
    expect((await c.request('sla.get', { kind: 'report', id })).phase).toBe('done');
    at.now = Date.parse('2026-03-10T13:00:00+08:00');
    await c.request('incidents.note', { id, text: 'after the old due time' });
    expect((await c.request('sla.breaches', {})).breaches).toEqual([]);
    expect(receiver!.received).toEqual([]);
  });

  it('an unlisted customer is an other operator (4 hours); filing the report stops the clock without a breach', async () => {
    const at = { now: Date.parse('2026-03-10T10:00:00+08:00') };
    const c = await start(at);
    const id = await open(c, 'shop');
    await c.request('incidents.grade', { id, grade: '特别重大', criteria: ['loss-100m-cny'] });
    const clock = await until('the clock', async () => (await c.request('sla.list', { kind: 'report' })).clocks[0]);
    expect(clock).toMatchObject({ policy: 'report-other', responseDueAt: '2026-03-10T14:00:00+08:00' });
    await expect(c.request('incidents.reported', { id: await open(c, 'shop') })).rejects.toThrow(/no report is due/);

    at.now = Date.parse('2026-03-10T11:10:00+08:00');
    const { incident } = await c.request('incidents.reported', { id });
    expect(incident.grading).toMatchObject({ reportedAt: '2026-03-10T03:10:00.000Z', reportedBy: expect.any(String) });
    await until('the clock stopped', async () => (await c.request('sla.get', { kind: 'report', id })).phase === 'done');
    at.now = Date.parse('2026-03-10T15:00:00+08:00');
    await c.request('incidents.grade', { id, grade: '重大' }); // a regrade keeps the filing
    await c.request('incidents.note', { id, text: 'after the deadline' });
    expect((await c.request('sla.get', { kind: 'report', id })).phase).toBe('done');
    expect((await c.request('sla.breaches', {})).breaches).toEqual([]);
  });
});
