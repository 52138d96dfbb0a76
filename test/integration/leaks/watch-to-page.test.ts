import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/daemon/logger.js';
import type { LeakItem } from '../../../src/shared/leak.js';
import { fingerprintSecret } from '../../../src/shared/secret-mask.js';
import { plantedKeys } from '../../fixtures/leaks/planted-keys.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { startFakeGithub, type FakeGithub } from '../../support/fake-github.js';
import { startFakeIdentity, type FakeIdentity } from '../../support/fake-identity.js';
import { createPublicRepo } from '../../support/public-repo.js';
import { quiet, startReceiver, until } from '../sla/sla-harness.js';

const live = plantedKeys();
const revoked = plantedKeys();
let base: string;
let gh: FakeGithub;
let idf: FakeIdentity;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let td: TestDaemon;
let leaks: LeakItem[];
let commit: string;
const logLines: string[] = [];

beforeAll(async () => {
  process.env.SOCDECK_TEST_GH_TOKEN = 'gh-token-watch-to-page';
  process.env.SOCDECK_TEST_HOOK_SECRET = 'hook-secret-watch-to-page-0123';
  base = mkdtempSync(join(tmpdir(), 'socdeck-watch-page-'));
  const repo = createPublicRepo(base, 'acme-dev/infra');
  // The push happens before the daemon's first tick: the tick must take it all the way.
  commit = repo.push(
    {
      'deploy/prod.env': `# api.acme-internal.cn\nTENCENTCLOUD_SECRET_ID=${live.tencentId}\nTENCENTCLOUD_SECRET_KEY=${live.tencentKey}\n`,
      'deploy/old.ini': `; acme-internal.cn\n[default]\naws_access_key_id = ${revoked.awsId}\naws_secret_access_key = ${revoked.awsSecret}\n`,
    },
    'deploy config',
    { name: 'Eve Ops', email: 'eve@acme.test', date: '2026-03-01T09:30:00+08:00' },
  );
  gh = await startFakeGithub({ token: 'gh-token-watch-to-page', repos: new Map([['acme-dev/infra', repo.bare]]) });
  idf = await startFakeIdentity();
  idf.tencent.set(live.tencentId, live.tencentKey);
  hook = await startReceiver();
  td = await startTestDaemon({
    dataDir: join(base, 'data'),
    log: createLogger({ level: 'debug', sink: (l) => logLines.push(l) }),
    configOverrides: quiet({
      leaks: {
        demo: { enabled: false },
        schedule: '0 0 1 1 *',
        watch: [{ kind: 'github-search', customer: 'acme', name: 'acme-gh', queries: ['acme-internal.cn'], token: 'env:SOCDECK_TEST_GH_TOKEN', apiUrl: gh.url }],
        verify: ['acme'],
        verifyEndpoints: { tencent: idf.url, aws: idf.url },
      },
      sla: {
        tickMs: 20,
        onCall: 'duty-officer',
        policies: [{ name: 'leaks', kinds: ['leak'], calendar: '24x7', responseMinutes: 30, resolutionMinutes: 240, escalation: [{ at: 100, notify: ['hook'], mentionOnCall: true }] }],
      },
      notify: { tickMs: 20, lang: 'en', channels: { hook: { type: 'webhook', url: `${hook.url}/hook`, secret: 'env:SOCDECK_TEST_HOOK_SECRET', mention: ['oncall-1'] } } },
    }),
  });
  const c = await td.connect('analyst1');
  leaks = await until('the watcher tick', async () => {
    const l = (await c.request('leaks.list', { customer: 'acme' })).leaks;
    return l.length === 4 && l.every((x) => x.verification) ? l : undefined;
  });
  await until('the pages', () => hook.received.length >= 2 || undefined);
});

afterAll(async () => {
  await td.stop();
  await Promise.all([gh.close(), idf.close(), hook.close()]);
  delete process.env.SOCDECK_TEST_GH_TOKEN;
  delete process.env.SOCDECK_TEST_HOOK_SECRET;
  rmSync(base, { recursive: true, force: true });
});

const byKey = (secret: string) => leaks.find((l) => l.fingerprint === fingerprintSecret(secret))!;

describe('from a public push to a live leak and an on-call page in one scheduler tick', () => {
  it('records the live Tencent key pair with the account it belongs to and where it was public', () => {
    for (const k of [live.tencentId, live.tencentKey]) {
      expect(byKey(k).verification).toMatchObject({ status: 'live', account: '100012345678', method: 'Tencent Cloud STS GetCallerIdentity' });
      expect(byKey(k).first).toMatchObject({ target: 'https://github.com/acme-dev/infra', file: 'deploy/prod.env', commit });
    }
    expect(byKey(live.tencentKey).first.url).toBe(`https://github.com/acme-dev/infra/blob/${commit}/deploy/prod.env#L3`);
  });

  it('pages on-call at once for the live key and not for the revoked one', async () => {
    const pages = hook.received.map((r) => JSON.parse(r.body) as { vars: { item: string; step: number; title: string }; mentions: string[] });
    expect(pages.map((p) => p.vars.item).sort()).toEqual([byKey(live.tencentId).id, byKey(live.tencentKey).id].sort());
    for (const p of pages) {
      expect(p.vars.step).toBe(100);
      expect(p.mentions).toEqual(['oncall-1']);
      expect(p.vars.title).toContain('LIVE key of 100012345678');
    }
    const c = await td.connect('analyst1');
    // The revoked key keeps its normal clock: running, nothing fired, no breach.
    const clock = await c.request('sla.get', { kind: 'leak', id: byKey(revoked.awsSecret).id });
    expect(clock).toMatchObject({ breached: false });
    expect(byKey(revoked.awsSecret).verification).toMatchObject({ status: 'revoked', detail: 'InvalidClientTokenId' });
    expect((await c.request('sla.breaches', {})).breaches).toEqual([]);
  });

  it('audits each check as the daemon, with the result and never the key', async () => {
    const c = await td.connect('analyst1');
    const audit = (await c.request('audit.list', { action: 'leak.verify' })).entries;
    expect(audit.map((e) => [e.actor, e.after.status]).sort()).toEqual([
      ['daemon', 'live'],
      ['daemon', 'live'],
      ['daemon', 'revoked'],
      ['daemon', 'revoked'],
    ]);
    const text = JSON.stringify(audit);
    for (const s of [live.tencentKey, live.tencentId.slice(4, -4), revoked.awsSecret]) expect(text).not.toContain(s);
  });

  it('never keeps a watched or verified key in clear: store, logs, WebSocket answers, reports', async () => {
    const c = await td.connect('analyst1');
    const answers: unknown[] = [await c.request('leaks.list', { customer: 'acme' })];
    for (const l of leaks) answers.push(await c.request('leaks.get', { id: l.id }), await c.request('leaks.report', { id: l.id }));
    const report = answers.at(-1) as { summary: string };
    expect(answers.map((a) => JSON.stringify(a)).join('\n')).toContain('acme-dev/infra/blob/');
    expect(JSON.stringify(answers)).toMatch(/Public at https:\/\/github\.com\/acme-dev\/infra\/blob\/[0-9a-f]{40}\/deploy\/\S+ since 2026-03-01T09:30:00\+08:00, pushed by Eve Ops <eve@acme\.test>/);
    expect(report.summary).toMatch(/GetCallerIdentity at \S+: (live|revoked)/);
    await td.stop();
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    const stored = files(td.dataDir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(
      logLines.filter((l) => l.includes('leak key checked')),
      logLines.slice(0, 3).join('\n'),
    ).toHaveLength(4);
    for (const secret of [live.tencentId, live.tencentKey, revoked.awsId, revoked.awsSecret]) {
      for (const [where, text] of [
        ['store', stored],
        ['logs', logLines.join('\n')],
        ['answers', JSON.stringify(answers)],
        ['pages', hook.received.map((r) => r.body).join('\n')],
      ] as const) {
        expect(text.includes(secret) || text.includes(secret.slice(4, -4)), `${where} holds a clear key`).toBe(false);
      }
    }
  });
});
