import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudActivity } from '../../../src/shared/cloud.js';
import { LEAK_CLOUD_ACTIVITY } from '../../../src/daemon/collections.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { serveCwp } from '../../support/tencent-fake/cwp-fake.js';
import { inventory, serveInventory } from '../../support/tencent-fake/inventory-fake.js';
import { ApiFault, TencentFake } from '../../support/tencent-fake/tencent-fake.js';
import { waitFor } from '../sources/helpers.js';

const ID = 'AKIDpivTestKEYz8krbsJ5yKBZQpn74WFkm';
const KEY = 'pivTestSecretGu5t9xGARNpq86cd98joQY';
/** A dev user's key (in the account's CAM) that leaks; and one of nobody we manage. */
const LEAKED = 'AKIDq3Vx8mZp2Lr7Tn4Wb9Yc6Hd1Jf5Gk0Sa';
const FOREIGN = 'AKIDw7Rt2Yu9Io4Pa6Sd1Fg8Hj3Kl5Zx0Cvb';

let fake: TencentFake;
let d: TestDaemon;
let lookups: Record<string, unknown>[] = [];

/** 120 CloudAudit events of the leaked key, shaped as LookUpEvents returns them; every third from outside. */
function events(): Record<string, unknown>[] {
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: 120 }, (_, i) => ({
    EventId: `ev-${i}`,
    Username: 'dev',
    EventTime: String(now - i * 600),
    CloudAuditEvent: '{}',
    ResourceTypeCn: '云服务器',
    ErrorCode: 0,
    EventName: i % 2 ? 'DescribeInstances' : 'RunInstances',
    SecretId: LEAKED,
    EventSource: 'cvm.tencentcloudapi.com',
    RequestID: `req-${i}`,
    ResourceRegion: 'ap-guangzhou',
    AccountID: 100000000001,
    SourceIPAddress: i % 3 === 0 ? `198.51.100.${i % 250}` : i % 3 === 1 ? '192.0.2.7' : '127.0.0.11',
    EventNameCn: '',
    Resources: { ResourceType: 'cvm', ResourceName: 'ins-r8hr2up1' },
    EventRegion: 'ap-guangzhou',
    Location: '',
  }));
}

beforeAll(async () => {
  fake = new TencentFake();
  fake.addKey(ID, KEY);
  serveCwp(fake);
  const inv = inventory();
  inv.keys['100000000011']!.push({ AccessKeyId: LEAKED, Status: 'Active', CreateTime: '2026-01-01 00:00:00', lastUsed: '2026-11-30' });
  serveInventory(fake, inv);
  const all = events();
  fake.on('cloudaudit', 'LookUpEvents', (p) => {
    lookups.push(p);
    const attr = (p.LookupAttributes as { AttributeKey: string; AttributeValue: string }[])[0]!;
    if (attr.AttributeKey !== 'AccessKeyId')
      throw new ApiFault('InvalidParameterValue.AttributeKey', 'AttributeKey must be one of RequestId, EventName, ReadOnly, Username, ResourceType, ResourceName, AccessKeyId, EventId');
    const matching = all.filter((e) => e.SecretId === attr.AttributeValue && Number(e.EventTime) >= Number(p.StartTime) && Number(e.EventTime) <= Number(p.EndTime));
    const from = p.NextToken ? Number(p.NextToken) : 0;
    const page = matching.slice(from, from + Number(p.MaxResults ?? 10));
    const over = from + page.length >= matching.length;
    return { Events: page, ListOver: over, NextToken: over ? '' : String(from + page.length), TotalCount: matching.length };
  });
  const url = await fake.start();
  process.env.SOCDECK_PIV_TC_ID = ID;
  process.env.SOCDECK_PIV_TC_KEY = KEY;
  d = await startTestDaemon({
    configOverrides: {
      leaks: { demo: { enabled: false } },
      playbooks: { watch: false, initGit: true, dir: tempDir('socdeck-empty-playbooks-') },
      reports: { schedule: { enabled: false } },
      clouds: {
        tencent: [
          {
            name: 'acme-prod',
            customer: 'acme',
            secretId: 'env:SOCDECK_PIV_TC_ID',
            secretKey: 'env:SOCDECK_PIV_TC_KEY',
            regions: ['ap-guangzhou'],
            endpoint: url,
            syncIntervalSeconds: 0,
            knownRanges: ['192.0.2.0/24'],
          },
        ],
      },
    },
  });
});

afterAll(async () => {
  await d.stop();
  await fake.stop();
});

async function leakOf(secretId: string): Promise<{ id: string; activity: CloudActivity }> {
  const dir = tempDir('socdeck-leaky-');
  writeFileSync(join(dir, 'deploy.env'), `TENCENTCLOUD_SECRET_ID=${secretId}\nTENCENTCLOUD_SECRET_KEY=Zq8Wm3Xr6Tb1Yn4Vc7Ju2Hk5Lp9Sd0Fg\n`);
  const c = await d.connect();
  await c.request('leaks.scan', { paths: [dir], customer: 'acme' });
  const leak = (await c.request('leaks.list', {})).leaks.find((l) => l.rule === 'tencent-secret-id' && l.first.target.startsWith(dir));
  expect(leak).toBeDefined();
  await waitFor('the cloud pivot', () => d.daemon.store.get(LEAK_CLOUD_ACTIVITY, leak!.id) !== undefined, 500, 20);
  return { id: leak!.id, activity: d.daemon.store.get<CloudActivity>(LEAK_CLOUD_ACTIVITY, leak!.id)! };
}

describe('key-leak pivot into CloudAudit', () => {
  it('a leaked SecretId of a managed account gets its CloudAudit calls (30 days, paged) in the leak report, outsiders flagged', async () => {
    lookups = [];
    const { id, activity } = await leakOf(LEAKED);
    expect(activity).toMatchObject({ managed: true, account: 'acme-prod', user: 'dev', total: 120 });
    // 120 events at 50 a page: three pages, each asking by AccessKeyId over the last 30 days.
    expect(lookups).toHaveLength(3);
    expect(Number(lookups[0]!.EndTime) - Number(lookups[0]!.StartTime)).toBe(30 * 86_400);
    // Every third call is from 198.51.100.0/24: neither a known range (192.0.2.0/24) nor a synced CVM (127.0.0.11).
    expect(activity.outside).toBe(40);
    expect(activity.calls[0]).toEqual({
      time: expect.any(String),
      sourceIp: expect.stringMatching(/^198\.51\.100\./),
      action: 'RunInstances',
      product: 'cvm.tencentcloudapi.com',
      region: 'ap-guangzhou',
      errorCode: 0,
      outside: true,
    });
    expect(activity.calls.filter((x) => x.sourceIp === '127.0.0.11').every((x) => !x.outside)).toBe(true);
    const c = await d.connect();
    const report = await c.request('leaks.report', { id });
    expect(report.cloudActivity).toMatchObject({ managed: true, total: 120, outside: 40 });
    // The rendered Leak Incident Report (the customer deliverable) lists them too.
    const md = (await c.request('reports.build', { kind: 'leak', id, customer: 'acme', lang: 'en', format: 'md' })).content ?? '';
    expect(md).toContain('Calls made with the key (cloud audit trail)');
    expect(md).toContain('120 call(s) made with this key, 40 from addresses outside');
    expect(md).toMatch(/198\.51\.100\.\d+ \| cvm:RunInstances \| ap-guangzhou \| yes/);
    // The key id itself is in neither the stored activity nor the reports.
    expect(JSON.stringify(report)).not.toContain(LEAKED);
    expect(md).not.toContain(LEAKED);
  });

  it('a leaked SecretId of an account we do not manage says so instead', async () => {
    const { activity } = await leakOf(FOREIGN);
    expect(activity).toMatchObject({ managed: false, total: 0, calls: [] });
    expect(activity.note).toContain('belongs to no Tencent Cloud account socdeck manages (acme-prod)');
  });
});
