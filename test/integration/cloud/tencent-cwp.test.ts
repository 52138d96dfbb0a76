import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import { ALERTS } from '../../../src/daemon/collections.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { serveCwp, type CwpAction } from '../../support/tencent-fake/cwp-fake.js';
import { serveInventory } from '../../support/tencent-fake/inventory-fake.js';
import { bash, brute, login, malware, privilege, reverseShell, riskDns, vul } from '../../support/tencent-fake/cwp-samples.js';
import { ApiFault, TencentFake, type Params } from '../../support/tencent-fake/tencent-fake.js';
import { quietOthers, waitFor } from '../sources/helpers.js';

const ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLEKEY1';

let fake: TencentFake;
let url: string;
let lists: Record<CwpAction, Params[]>;
const daemons: TestDaemon[] = [];

beforeAll(async () => {
  fake = new TencentFake();
  fake.addKey(ID, KEY);
  lists = serveCwp(fake);
  serveInventory(fake);
  url = await fake.start();
  process.env.SOCDECK_TEST_TC_ID = ID;
  process.env.SOCDECK_TEST_TC_KEY = KEY;
  process.env.SOCDECK_TEST_TC_BADKEY = 'not-the-key-0000000000000000000000000';
});

afterAll(async () => {
  await fake.stop();
});

afterEach(async () => {
  for (const d of daemons.splice(0)) await d.stop();
  for (const l of Object.values(lists)) l.splice(0);
  fake.calls.splice(0);
  fake.rejected.splice(0);
  fake.allow(ID, 'cwp:DescribeBashEvents');
});

function account(name: string, extra: Record<string, unknown> = {}) {
  return { name, customer: 'acme', secretId: 'env:SOCDECK_TEST_TC_ID', secretKey: 'env:SOCDECK_TEST_TC_KEY', regions: ['ap-guangzhou'], endpoint: url, syncIntervalSeconds: 0, backoffMs: 5, ...extra };
}

async function daemon(dataDir = tempDir(), accounts = [account('acme-prod')], pageSize = 100): Promise<TestDaemon> {
  const d = await startTestDaemon({
    dataDir,
    configOverrides: {
      ...quietOthers(),
      clouds: { tencent: accounts },
      ingest: { sources: accounts.map((a) => ({ name: `${a.name}-cwp`, kind: 'tencent-cwp', account: a.name, intervalMs: 3_600_000, pageSize })) },
    },
  });
  daemons.push(d);
  return d;
}

/** Events taken in per product, counting repeats folded into one row. */
function events(d: TestDaemon, pred: (a: Alert) => boolean = () => true): number {
  return d.daemon.store
    .values<Alert>(ALERTS)
    .filter(pred)
    .reduce((n, a) => n + a.count, 0);
}

function fillAll(n: number): void {
  lists.DescribeMalWareList.push(...Array.from({ length: n }, (_, i) => malware(i)));
  lists.DescribeBruteAttackList.push(brute(1), brute(2, 'SUCCESS'));
  lists.DescribeHostLoginList.push(login(1), login(2, 1));
  lists.DescribeBashEvents.push(bash(1), bash(2, 2));
  lists.DescribePrivilegeEvents.push(privilege(1));
  lists.DescribeReverseShellEvents.push(reverseShell(1));
  lists.DescribeRiskDnsList.push(riskDns(1));
  lists.DescribeVulList.push(vul(1));
}

describe('tencent-cwp source against a TC3-verifying fake of the API', () => {
  it('puts every CWP event type in the queue with severity and customer, paging 3+ pages, each event once', async () => {
    fillAll(250);
    const d = await daemon();
    // 250 malware + 2 brute + 1 abnormal login (the normal one is skipped) + 2 bash + 4 singles.
    await waitFor('all CWP events', () => events(d) === 259);
    expect(fake.callsOf('DescribeMalWareList').map((c) => c.params.Offset)).toEqual([0, 100, 200]);
    expect(fake.callsOf('DescribeMalWareList')[0]!.params).toMatchObject({ Limit: 100, By: 'CreateTime', Order: 'ASC' });
    expect(fake.rejected).toEqual([]);
    const alerts = d.daemon.store.values<Alert>(ALERTS);
    expect(new Set(alerts.map((a) => a.customer))).toEqual(new Set(['acme']));
    expect(new Set(alerts.map((a) => a.product))).toEqual(new Set(['tencent-cwp']));
    const bySev = (pred: (a: Alert) => boolean) => alerts.filter(pred).map((a) => a.severity);
    expect(new Set(bySev((a) => a.ruleId.startsWith('malware:')))).toEqual(new Set(['high']));
    expect(bySev((a) => a.ruleId === 'brute:ssh').sort()).toEqual(['critical', 'medium']);
    expect(bySev((a) => a.ruleId.startsWith('reverse-shell:'))).toEqual(['critical']);
    const allowListed = alerts.find((a) => a.ruleId === 'bash:17' && a.state === 'closed');
    expect(allowListed).toMatchObject({ disposition: 'benign_true_positive', closeReason: 'tencent-cwp console: allow-listed' });

    // A second poll takes only what is new.
    lists.DescribeMalWareList.push(malware(300), malware(301));
    const c = await d.connect();
    const res = await c.request('cloud.sync', { name: 'acme-prod' });
    expect(res.account).toMatchObject({ name: 'acme-prod', status: 'ok', missing: [], sources: ['acme-prod-cwp'] });
    expect(events(d)).toBe(261);
    const list = await c.request('cloud.accounts', {});
    expect(list.accounts[0]!.lastPoll).toBeDefined();
  });

  it('backs off on RequestLimitExceeded and reports a refused permission and a down API per account, taking the rest', async () => {
    fillAll(3);
    fake.failNext('DescribeMalWareList', 'RequestLimitExceeded', 2);
    // Retries 4: five answers of InternalError outlast one poll's attempts.
    fake.failNext('DescribeVulList', 'InternalError', 5);
    fake.deny(ID, 'cwp:DescribeBashEvents');
    const d = await daemon();
    await waitFor('the poll to end', () => d.daemon.store.get<{ lastPoll?: string }>('cloud_accounts', 'acme-prod')?.lastPoll !== undefined);
    expect(fake.rejected.filter((r) => r.code === 'RequestLimitExceeded')).toHaveLength(2);
    expect(events(d, (a) => a.ruleId.startsWith('malware:'))).toBe(3);
    expect(events(d, (a) => a.ruleId.startsWith('bash:') || a.ruleId.startsWith('vul:'))).toBe(0);
    expect(events(d)).toBe(3 + 2 + 1 + 1 + 1 + 1);
    const c = await d.connect();
    const [acct] = (await c.request('cloud.accounts', {})).accounts;
    expect(acct).toMatchObject({ status: 'partial', missing: ['cwp:DescribeBashEvents'] });
    expect(acct!.errors.map((e) => `${e.api} ${e.code}`).sort()).toEqual(['cwp:DescribeBashEvents UnauthorizedOperation', 'cwp:DescribeVulList InternalError']);
    const status = await c.request('daemon.status', {});
    const src = status.sources.find((s) => s.name === 'acme-prod-cwp');
    expect(src).toMatchObject({ state: 'error', lastError: expect.stringContaining('account acme-prod: CAM policy lacks cwp:DescribeBashEvents') });

    // Once the policy allows it, the next sync takes the events and clears the gap.
    fake.allow(ID, 'cwp:DescribeBashEvents');
    const res = await c.request('cloud.sync', { name: 'acme-prod' });
    expect(res.account).toMatchObject({ status: 'ok', missing: [], errors: [] });
    expect(events(d, (a) => a.ruleId.startsWith('bash:') || a.ruleId.startsWith('vul:'))).toBe(3);
  });

  it('reports refused credentials as the account status, never a crash', async () => {
    lists.DescribeMalWareList.push(malware(1));
    const d = await daemon(tempDir(), [account('acme-bad', { secretKey: 'env:SOCDECK_TEST_TC_BADKEY' })]);
    const c = await d.connect();
    const res = await c.request('cloud.sync', { name: 'acme-bad' });
    expect(res.account.status).toBe('failed');
    expect(res.problems[0]).toContain('account acme-bad: credentials refused (AuthFailure.SignatureFailure)');
    expect(new Set(fake.rejected.map((r) => r.code))).toEqual(new Set(['AuthFailure.SignatureFailure']));
    expect(events(d)).toBe(0);
    // The secret key is never in what the daemon shows or keeps.
    expect(JSON.stringify(res)).not.toContain('not-the-key');
  });

  it('assumes a CAM role through STS AssumeRole and calls with the temporary keys and token', async () => {
    const tmpId = 'AKIDtmp5yKBZQpn74WFkmLPx3EXAMPLETMP';
    fake.addKey(tmpId, 'tmpKeyGu5t9xGARNpq86cd98joQYCN3EXAM', { token: 'tok-' + 'a'.repeat(40) });
    fake.on('sts', 'AssumeRole', (p) => {
      if (p.RoleArn !== 'qcs::cam::uin/100000000001:roleName/socdeck-readonly') throw new ApiFault('InvalidParameter.RoleArn', 'unknown role');
      return {
        Credentials: { Token: 'tok-' + 'a'.repeat(40), TmpSecretId: tmpId, TmpSecretKey: 'tmpKeyGu5t9xGARNpq86cd98joQYCN3EXAM' },
        ExpiredTime: Math.floor(Date.now() / 1000) + 3600,
        Expiration: new Date(Date.now() + 3600_000).toISOString(),
      };
    });
    lists.DescribeReverseShellEvents.push(reverseShell(1));
    const d = await daemon(tempDir(), [account('acme-role', { roleArn: 'qcs::cam::uin/100000000001:roleName/socdeck-readonly' })]);
    await waitFor('the reverse shell', () => events(d) === 1);
    expect(fake.callsOf('AssumeRole')).toHaveLength(1);
    expect(fake.callsOf('AssumeRole')[0]!.secretId).toBe(ID);
    expect(new Set(fake.calls.filter((c) => c.service === 'cwp').map((c) => c.secretId))).toEqual(new Set([tmpId]));
    expect(fake.rejected).toEqual([]);
  });

  it('a restart mid-poll neither loses nor repeats events', async () => {
    lists.DescribeMalWareList.push(...Array.from({ length: 50 }, (_, i) => malware(i)));
    const dataDir = tempDir();
    // The first daemon stops while its third page is in flight.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    const serve = fake.handlerOf('cwp', 'DescribeMalWareList')!;
    fake.on('cwp', 'DescribeMalWareList', async (p, call) => {
      if (++calls === 3) await held;
      return serve(p, call);
    });
    const first = await daemon(dataDir, [account('acme-prod')], 20);
    await waitFor('two pages taken', () => events(first) === 40);
    await first.stop();
    daemons.splice(daemons.indexOf(first), 1);
    release();
    fake.on('cwp', 'DescribeMalWareList', serve);
    fake.calls.splice(0);
    const second = await daemon(dataDir, [account('acme-prod')], 20);
    await waitFor('the rest taken', () => events(second) >= 50);
    const c = await second.connect();
    await c.request('cloud.sync', { name: 'acme-prod' });
    expect(events(second)).toBe(50);
    // It resumed one page before its cursor (40 taken), not from the start.
    expect(fake.callsOf('DescribeMalWareList')[0]!.params.Offset).toBe(20);
  });
});
