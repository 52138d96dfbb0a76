import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAssessment } from '../../../src/daemon/assess/engine.js';
import { loadFactsDir } from '../../../src/daemon/assess/load-facts.js';
import { loadRulePacks } from '../../../src/daemon/assess/rule-pack.js';
import { TencentAccountConfig } from '../../../src/daemon/cloud/tencent/account-config.js';
import { cloudFactsDir } from '../../../src/daemon/cloud/tencent/account-sync.js';
import { TencentCos } from '../../../src/daemon/cloud/tencent/cos-client.js';
import { TencentClient } from '../../../src/daemon/cloud/tencent/tencent-client.js';
import { PACKAGE_ROOT } from '../../../src/daemon/config.js';
import { ASSETS } from '../../../src/daemon/collections.js';
import type { Asset } from '../../../src/daemon/scan/assets.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { serveCwp } from '../../support/tencent-fake/cwp-fake.js';
import { inventory, serveInventory } from '../../support/tencent-fake/inventory-fake.js';
import { TencentFake } from '../../support/tencent-fake/tencent-fake.js';
import { quietOthers } from '../sources/helpers.js';

const ID = 'AKIDinvTestKEYz8krbsJ5yKBZQpn74WFkm';
const KEY = 'invTestSecretGu5t9xGARNpq86cd98joQY';
const rules = loadRulePacks(join(PACKAGE_ROOT, 'config', 'assessment'));

let fake: TencentFake;
let url: string;
let d: TestDaemon;

beforeAll(async () => {
  fake = new TencentFake();
  fake.addKey(ID, KEY);
  serveCwp(fake);
  serveInventory(fake);
  url = await fake.start();
  process.env.SOCDECK_INV_TC_ID = ID;
  process.env.SOCDECK_INV_TC_KEY = KEY;
  d = await startTestDaemon({
    configOverrides: {
      ...quietOthers(),
      // No regions: the sync asks DescribeRegions for the ones in use.
      clouds: { tencent: [{ name: 'acme-prod', customer: 'acme', secretId: 'env:SOCDECK_INV_TC_ID', secretKey: 'env:SOCDECK_INV_TC_KEY', endpoint: url, syncIntervalSeconds: 0 }] },
    },
  });
});

afterAll(async () => {
  await d.stop();
  await fake.stop();
});

function assess(dir: string) {
  const set = loadFactsDir(dir);
  const result = runAssessment(rules, set.facts, Date.now(), set.problems);
  return { result, byRule: new Map(result.sections.flatMap((s) => s.findings.map((f) => [f.rule.id, f.evidence] as const))) };
}

describe('Tencent Cloud inventory sync and assessment', () => {
  it('a sync turns the account into assets and facts that raise the cloud rules, each naming the resource', async () => {
    const c = await d.connect();
    const res = await c.request('cloud.sync', { name: 'acme-prod' });
    expect(res.problems).toEqual([]);
    expect(res.account).toMatchObject({ status: 'ok', missing: [] });
    expect(res.collected).toMatchObject({ assets: 3, cloud_instance: 3, database: 2, lb_listener: 3, bucket: 3 });
    expect(fake.callsOf('DescribeInstances').map((x) => x.region)).toEqual(['ap-guangzhou']);
    expect(fake.callsOf('DescribeSecurityGroups')[0]!.params).toMatchObject({ Offset: '0', Limit: '100' });

    const assets = d.daemon.store.values<Asset>(ASSETS).filter((a) => a.owner === 'tencent:acme-prod');
    expect(assets.map((a) => a.name).sort()).toEqual(['tencent/acme-prod/ins-r8hr2up1', 'tencent/acme-prod/ins-r8hr2up2', 'tencent/acme-prod/ins-r8hr2up3']);
    expect(assets[0]).toMatchObject({ customer: 'acme', hosts: [expect.stringMatching(/^127\.0\.0\.1\d$/)], tags: expect.arrayContaining(['env=prod', 'region:ap-guangzhou']) });

    const dir = cloudFactsDir(d.dataDir);
    expect(statSync(join(dir, 'tencent-acme-prod.json')).mode & 0o077).toBe(0);
    const { byRule } = assess(dir);
    expect([...byRule.keys()].sort()).toEqual(['CLOUD-001', 'CLOUD-002', 'CLOUD-003', 'CLOUD-004', 'CLOUD-005', 'CLOUD-006', 'TCLOUD-001', 'TCLOUD-002', 'TCLOUD-003', 'TCLOUD-004', 'TCLOUD-005']);
    // Public by ACL (AllUsers READ) and by an anonymous policy (PutObject); the bucket shared with one user is not.
    expect(byRule.get('CLOUD-003')).toEqual([
      expect.stringMatching(/^bucket static-1250000000 \(tencent\) publicRead=true publicWrite=false/),
      expect.stringMatching(/^bucket uploads-1250000000 \(tencent\) publicRead=false publicWrite=true/),
    ]);
    expect(fake.cos.calls.map((x) => x.action).sort()).toEqual(['GetBucketACL', 'GetBucketACL', 'GetBucketACL', 'GetBucketPolicy', 'GetBucketPolicy', 'GetBucketPolicy', 'GetService']);
    expect(fake.cos.rejected).toEqual([{ action: 'GetBucketPolicy', code: 'NoSuchBucketPolicy' }]);
    // SSH on the internet-facing balancer raises TCLOUD-005; HTTPS beside it and MySQL on the internal one do not.
    expect(byRule.get('TCLOUD-005')).toEqual([expect.stringMatching(/^lb-pub0ssh1 \(web-entry, ap-guangzhou\) listener lbl-ssh00022 publishes tcp\/22 on 127\.0\.0\.30 \(/)]);
    expect(byRule.get('TCLOUD-001')).toEqual([expect.stringMatching(/^sg-open1234 \(web-open, ap-guangzhou\) policy 2 allows 0\.0\.0\.0\/0 to tcp\/3306-3306 \(/)]);
    expect(byRule.get('CLOUD-006')).toEqual([expect.stringMatching(/^cdb-pub4wan1 \(mysql 8\.0\) endpoint cdb-pub4wan1\.ap-guangzhou\.tencentcdb\.com:24561 is publicly accessible/)]);
    expect(byRule.get('TCLOUD-004')).toEqual([expect.stringMatching(/^ins-r8hr2up2 \(web-02, ap-guangzhou\) CWP agent missing/)]);
    expect(byRule.get('CLOUD-004')![0]).toMatch(/^root \(100000000001\): access key active, last used 20\d\d-/);
    expect(byRule.get('CLOUD-005')).toEqual([expect.stringMatching(/^dev can log in to the console without MFA/)]);
    // The stale key is named by a masked id, and the fresh keys raise nothing.
    expect(byRule.get('TCLOUD-002')).toEqual([expect.stringMatching(/^AKIDdevK…0011 of dev \(100000000011\) last used /)]);
    expect(byRule.get('TCLOUD-003')).toHaveLength(1);
  });

  it('a refused CAM permission is reported and costs only the CAM facts', async () => {
    fake.deny(ID, 'cam:ListUsers');
    try {
      const c = await d.connect();
      const res = await c.request('cloud.sync', { name: 'acme-prod' });
      expect(res.account).toMatchObject({ status: 'partial', missing: ['cam:ListUsers'] });
      expect(res.problems).toEqual(['account acme-prod: CAM policy lacks cam:ListUsers (UnauthorizedOperation)']);
      expect(res.collected.sg_rule).toBeGreaterThan(0);
      expect(res.collected.iam_user).toBeUndefined();
      const accounts = await c.request('cloud.accounts', {});
      expect(accounts.accounts[0]!.missing).toEqual(['cam:ListUsers']);
      // The account is listed beside the alert sources (socdeck status, the TUI's :sources view).
      const status = await c.request('daemon.status', {});
      expect(status.sources.find((s) => s.name === 'tencent:acme-prod')).toMatchObject({
        kind: 'tencent-account',
        state: 'error',
        lastError: expect.stringContaining('CAM policy lacks cam:ListUsers'),
      });
    } finally {
      fake.allow(ID, 'cam:ListUsers');
    }
  });

  it('a refused or failing COS call is per-account status; the other buckets and APIs still count', async () => {
    fake.cos.denied.add('name/cos:GetBucketACL@static-1250000000');
    fake.cos.denied.add('name/cos:GetBucketPolicy');
    try {
      const c = await d.connect();
      const res = await c.request('cloud.sync', { name: 'acme-prod' });
      // A bucket-scoped refusal names the action too: the CAM policy lacks it for that resource.
      expect(res.account).toMatchObject({ status: 'partial', missing: ['name/cos:GetBucketACL', 'name/cos:GetBucketPolicy'] });
      expect(res.problems.sort()).toEqual(['account acme-prod: CAM policy lacks name/cos:GetBucketACL (AccessDenied)', 'account acme-prod: CAM policy lacks name/cos:GetBucketPolicy (AccessDenied)']);
      // static-1250000000: neither part readable, so no fact claims it private; the others by ACL alone.
      expect(res.collected).toMatchObject({ bucket: 2, lb_listener: 3, database: 2 });
    } finally {
      fake.cos.denied.clear();
    }
    // A wrong key is refused by the signature check, not answered.
    const before = fake.cos.rejected.length;
    fake.cos.addKey(ID, 'not-the-key');
    try {
      const res = await (await d.connect()).request('cloud.sync', { name: 'acme-prod' });
      expect(fake.cos.rejected.slice(before)).toContainEqual({ action: 'GetService', code: 'SignatureDoesNotMatch' });
      expect(res.account.status).toBe('partial');
      expect(res.collected.bucket).toBeUndefined();
    } finally {
      fake.cos.addKey(ID, KEY);
    }
  });

  it("with roleArn, COS is signed with the assumed role's temporary keys and carries its token", async () => {
    const tmpId = 'AKIDcosTmp74WFkmLPx3EXAMPLETMP0001';
    const tmpKey = 'cosTmpKeyGu5t9xGARNpq86cd98joQYCN3';
    const token = `tok-${'c'.repeat(40)}`;
    fake.addKey(tmpId, tmpKey, { token });
    fake.on('sts', 'AssumeRole', () => ({
      Credentials: { Token: token, TmpSecretId: tmpId, TmpSecretKey: tmpKey },
      ExpiredTime: Math.floor(Date.now() / 1000) + 3600,
      Expiration: new Date(Date.now() + 3600_000).toISOString(),
    }));
    const cfg = TencentAccountConfig.parse({
      name: 'acme-role',
      customer: 'acme',
      secretId: 'env:SOCDECK_INV_TC_ID',
      secretKey: 'env:SOCDECK_INV_TC_KEY',
      endpoint: url,
      roleArn: 'qcs::cam::uin/100000000001:roleName/socdeck-readonly',
    });
    const before = fake.cos.calls.length;
    const buckets = await new TencentCos(cfg, new TencentClient(cfg)).listBuckets();
    expect(buckets.map((b) => b.name)).toEqual(['static-1250000000', 'uploads-1250000000', 'backups-1250000000']);
    expect(fake.cos.calls.slice(before)).toEqual([{ action: 'GetService' }]);
    // The fake checks the token: once it expects another, the same signed request is refused.
    fake.cos.addKey(tmpId, tmpKey, 'another-token');
    await expect(new TencentCos(cfg, new TencentClient(cfg)).listBuckets()).rejects.toMatchObject({ code: 'InvalidAccessKeyId', permission: 'name/cos:GetService' });
  });

  it('assess run --facts reads saved API responses of customers who give exports instead of access', () => {
    const inv = inventory();
    const dir = tempDir('socdeck-tc-exports-');
    mkdirSync(join(dir, 'sg'));
    for (const [id, body] of Object.entries(inv.policies)) writeFileSync(join(dir, 'sg', `${id}.json`), JSON.stringify({ Response: { ...body, RequestId: 'r' } }));
    writeFileSync(join(dir, 'DescribeDBInstances.json'), JSON.stringify({ Response: { TotalCount: 2, Items: inv.dbs, RequestId: 'r' } }));
    writeFileSync(join(dir, 'ListAccessKeys-100000000011.json'), JSON.stringify({ AccessKeys: inv.keys['100000000011']!.map(({ lastUsed: _l, ...k }) => k), RequestId: 'r' }));
    writeFileSync(join(dir, 'DescribeSecurityGroupPolicies.json'), JSON.stringify({ Response: { ...inv.policies['sg-open1234'], RequestId: 'r' } }));
    const { result, byRule } = assess(dir);
    expect([...byRule.keys()].sort()).toEqual(['CLOUD-001', 'CLOUD-002', 'CLOUD-006', 'TCLOUD-001', 'TCLOUD-003']);
    // A policy file whose name carries no group id is a problem naming the file, not a guess.
    expect(result.problems).toEqual([{ origin: 'DescribeSecurityGroupPolicies.json', message: expect.stringContaining('put the group id in the file name') }]);
    expect(existsSync(join(dir, 'sg'))).toBe(true);
  });
});
