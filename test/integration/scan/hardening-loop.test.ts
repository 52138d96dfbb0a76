import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { ScanProgressed } from '../../../src/shared/scan.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { gitLeakingServer, hasBinary, startRedis } from './loopback-services.js';

const SCAN_OVERRIDES = { assets: [], scan: { schedules: [], bannerWaitMs: 300, probeTimeoutMs: 1500, timeout: { initialMs: 500, minMs: 50, maxMs: 1000 } } };

describe('hardening loop against real loopback services', () => {
  let d: TestDaemon;
  let c: SocdeckClient;
  beforeAll(async () => {
    d = await startTestDaemon({ configOverrides: SCAN_OVERRIDES });
    c = await d.connect('analyst1');
  });
  afterAll(async () => {
    await d.stop();
  });

  it.skipIf(!hasBinary('redis-server'))('finds a password-less redis-server as unauthenticated Redis', async () => {
    const redis = await startRedis();
    try {
      const progress: ScanProgressed[] = [];
      c.onEvent('scan.progressed', (p) => progress.push(p));
      const run = await c.request('scan.run', { targets: ['127.0.0.1'], ports: String(redis.port), wait: true });
      expect(run.state).toBe('done');
      // PING proves Redis; INFO behind it gives the version the vulnerability match needs.
      expect(run.open).toEqual([expect.objectContaining({ port: redis.port, service: 'redis', product: 'Redis', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) })]);
      const { findings } = await c.request('findings.list', { host: '127.0.0.1' });
      const f = findings.find((x) => x.checkId === 'redis-unauth' && x.port === redis.port);
      expect(f).toMatchObject({ title: 'Unauthenticated Redis', severity: 'critical', status: 'new', remediationId: 'redis-auth' });
      expect(f!.evidence).toMatch(/redis_version:\d/);
      expect(progress.at(-1)).toMatchObject({ scanId: run.id, state: 'done', progress: { done: 1, total: 1, open: 1 } });
      const plan = await c.request('finding.plan', { id: f!.id, lang: 'zh-CN' });
      expect(plan.markdown).toContain('requirepass');
      expect(plan.markdown).toContain(f!.id);
    } finally {
      await redis.stop();
    }
  });

  it('exposed .git/HEAD: found, verified fixed after the server stops, reopened when it is back', async () => {
    const web = gitLeakingServer();
    const port = await web.listen();
    const run = await c.request('scan.run', { targets: ['127.0.0.1'], ports: String(port), wait: true });
    const f = (await c.request('findings.list', {})).findings.find((x) => x.checkId === 'web-git-exposed' && x.port === port);
    expect(f).toMatchObject({ status: 'new', url: `http://127.0.0.1:${port}/.git/HEAD` });
    expect(run.findings.new).toContain(f!.id);
    expect(run.open[0]).toMatchObject({ service: 'http', product: 'demo-httpd', version: '1.2.3' });

    await web.close();
    const fixed = await c.request('finding.verify', { id: f!.id });
    expect(fixed.finding.status).toBe('fixed');
    expect(fixed.scan.findings.fixed).toEqual([f!.id]);

    await web.listen(port);
    try {
      const back = await c.request('finding.verify', { id: f!.id });
      expect(back.finding.status).toBe('reopened');
      expect(back.finding.history.map((h) => h.status)).toEqual(['new', 'fixed', 'reopened']);
      expect(back.finding.history.every((h) => h.by === 'analyst1')).toBe(true);
    } finally {
      await web.close();
    }
  });

  it('refuses an out-of-scope target before sending anything, naming the rule', async () => {
    await expect(c.request('scan.run', { targets: ['10.1.2.3'], ports: '22', wait: true })).rejects.toMatchObject({ code: 'out_of_scope', message: expect.stringContaining('scan.scope.allow') });
    const { scans } = await c.request('scan.list', {});
    expect(scans.some((s) => s.targets.includes('10.1.2.3'))).toBe(false);
  });
});
