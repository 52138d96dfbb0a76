import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newStore, renderApp } from '../../unit/tui/render-app.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';

const EXPORTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reports', 'assess', 'exports');

function alert(id: string, firstSeen: string, severity: string, disposition?: string) {
  return {
    id,
    fingerprint: id,
    customer: 'default',
    source: 'test',
    product: 'suricata',
    ruleId: 'R1',
    title: 'ET SCAN test',
    severity,
    time: firstSeen,
    host: 'web-01',
    raw: '{}',
    rawLength: 2,
    firstSeen,
    lastSeen: firstSeen,
    count: 2,
    mitre: [],
    tags: [],
    state: 'new',
    rev: 0,
    ...(disposition ? { disposition } : {}),
  };
}

describe('reports module in a real daemon', () => {
  let t: TestDaemon;

  beforeAll(async () => {
    t = await startTestDaemon({ configOverrides: { reports: { schedule: { enabled: false }, customers: { default: { factsDir: EXPORTS } } } } });
    const alerts = [alert('a1', '2026-11-16T02:00:00Z', 'high', 'true_positive'), alert('a2', '2026-11-17T02:00:00Z', 'medium', 'false_positive'), alert('a3', '2026-11-10T02:00:00Z', 'low')];
    await t.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
  });
  afterAll(async () => {
    cleanup();
    await t?.stop();
  });

  it('builds the weekly report over WebSocket, archives it and lists it', async () => {
    const c = await t.connect('alice');
    const res = await c.request('reports.build', { kind: 'weekly', period: '2026-W47', format: 'html', lang: 'en' });
    expect(res.entry).toMatchObject({ kind: 'weekly', customer: 'default', subject: '2026-W47', lang: 'en', format: 'html', createdBy: 'alice' });
    expect(res.entry.path).toBe(join(t.dataDir, 'reports', 'default', 'weekly', '2026-W47.en.html'));
    expect(readFileSync(res.entry.path, 'utf8')).toBe(res.content);
    expect(res.content).toContain('<svg');
    // 2 alerts this week (a1, a2), 1 the week before: +100%.
    expect(res.content).toContain('<div class="value">2</div><div class="note">+100% vs previous period</div>');

    await c.request('reports.build', { kind: 'weekly', period: '2026-W47', format: 'md' });
    const list = await c.request('reports.list', { kind: 'weekly' });
    expect(list.total).toBe(2);
    expect(list.reports.map((r) => `${r.lang}.${r.format}`)).toEqual(['zh-CN.md', 'en.html']);
    const index = JSON.parse(readFileSync(join(t.dataDir, 'reports', 'index.json'), 'utf8')) as unknown[];
    expect(index).toHaveLength(2);
    const { entries } = await c.request('audit.list', { action: 'report.build' });
    expect(entries.map((e) => [e.actor, e.target, e.after])).toEqual([
      ['alice', { kind: 'report', id: 'default/weekly/2026-W47.zh-CN.md' }, { kind: 'weekly', customer: 'default', subject: '2026-W47', format: 'md' }],
      ['alice', { kind: 'report', id: res.entry.id }, { kind: 'weekly', customer: 'default', subject: '2026-W47', format: 'html' }],
    ]);
  });

  it("builds the quarterly assessment from the customer's facts folder", async () => {
    const c = await t.connect();
    const res = await c.request('reports.build', { kind: 'quarterly', period: '2026-Q3', format: 'md', lang: 'en' });
    expect(res.content).toContain('CLOUD-001');
    expect(res.content).toMatch(/sg-0a1b2c3d4e5f60001 \(web-public\) allows 0\.0\.0\.0\/0 to tcp\/22-22/);
    expect(res.content).toContain('cannot guarantee that every risk was found');
  });

  it('answers bad requests with a coded error naming the problem', async () => {
    const c = await t.connect();
    await expect(c.request('reports.build', { kind: 'advisory' })).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/needs --id/) });
    await expect(c.request('reports.build', { kind: 'weekly', period: '2026-11' })).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/2026-W47/) });
    await expect(c.request('reports.build', { kind: 'incident', id: 'INC-404' })).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(join(t.dataDir, 'reports', 'default', 'incident'))).toBe(false);
  });

  it(":reports lists the archive with the selected path, and b builds last week's report", async () => {
    const c = await t.connect('carol');
    const store = newStore('carol');
    store.update({ view: 'reports' });
    const app = renderApp(store, c);
    await app.waitFor((f) => f.includes('2026-W47') && f.includes(join('reports', 'default', 'quarterly', '2026-Q3.en.md')), 'the archived reports and the selected path');
    await app.press('b');
    await app.waitFor((f) => f.includes('report written:'), 'the build confirmation');
    const list = await c.request('reports.list', {});
    expect(list.reports[0]).toMatchObject({ kind: 'weekly', createdBy: 'carol', format: 'md' });
  });
});
