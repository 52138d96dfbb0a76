import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, requireBuild, spawnDaemon, waitExit, writeTestConfig, type ChildDaemon } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';
import { serveCwp } from '../../support/tencent-fake/cwp-fake.js';
import { serveInventory } from '../../support/tencent-fake/inventory-fake.js';
import { brute, malware } from '../../support/tencent-fake/cwp-samples.js';
import { TencentFake } from '../../support/tencent-fake/tencent-fake.js';

const socdeck = (...args: string[]) => runCli(args, { timeoutMs: 20_000 });
const FIXTURE = 'test/fixtures/cloud/tencent-cwp-events.jsonl';

let fake: TencentFake;
let child: ChildDaemon;
let dataDir: string;

beforeAll(async () => {
  requireBuild();
  fake = new TencentFake();
  fake.addKey('AKIDcliTestKEYz8krbsJ5yKBZQpn74WFkm', 'cliTestSecretGu5t9xGARNpq86cd98joQY');
  fake.deny('AKIDcliTestKEYz8krbsJ5yKBZQpn74WFkm', 'cwp:DescribeVulList');
  const lists = serveCwp(fake);
  serveInventory(fake);
  lists.DescribeMalWareList.push(malware(1), malware(2));
  lists.DescribeBruteAttackList.push(brute(1));
  const url = await fake.start();
  process.env.SOCDECK_CLI_TC_ID = 'AKIDcliTestKEYz8krbsJ5yKBZQpn74WFkm';
  process.env.SOCDECK_CLI_TC_KEY = 'cliTestSecretGu5t9xGARNpq86cd98joQY';
  dataDir = tempDir();
  const yaml = [
    'clouds:',
    '  tencent:',
    `    - { name: acme-prod, customer: acme, secretId: "env:SOCDECK_CLI_TC_ID", secretKey: "env:SOCDECK_CLI_TC_KEY", regions: [ap-guangzhou], endpoint: "${url}", syncIntervalSeconds: 0 }`,
    'ingest:',
    '  sources:',
    '    - { name: acme-cwp, kind: tencent-cwp, account: acme-prod, intervalMs: 3600000, eventTypes: [malware, brute, vul] }',
    'leaks: { demo: { enabled: false } }',
    '',
  ].join('\n');
  child = await spawnDaemon(dataDir, writeTestConfig(dataDir, yaml));
});

afterAll(async () => {
  child.proc.kill('SIGTERM');
  await waitExit(child.proc);
  await fake.stop();
});

describe('socdeck cloud and parse --format tencent-cwp', () => {
  it('parse --format tencent-cwp turns CWP event JSON into normalised alerts', async () => {
    const r = await socdeck('parse', '--format', 'tencent-cwp', FIXTURE);
    expect(r.code).toBe(0);
    const alerts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { product: string; state?: string; severity: string });
    // Ten events, one of them a normal login (skipped).
    expect(alerts).toHaveLength(9);
    expect(new Set(alerts.map((a) => a.product))).toEqual(new Set(['tencent-cwp']));
    expect(alerts.filter((a) => a.state === 'closed')).toHaveLength(1);
  });

  it('cloud sync runs one sync now and cloud accounts lists status and the permissions lacking', async () => {
    const sync = await socdeck('cloud', 'sync', 'acme-prod', '--json', '--data-dir', dataDir);
    expect(sync.code, sync.stderr).toBe(0);
    const res = JSON.parse(sync.stdout) as { account: { status: string; missing: string[] }; problems: string[] };
    expect(res.account).toMatchObject({ status: 'partial', missing: ['cwp:DescribeVulList'] });
    expect(res.problems).toEqual(['account acme-prod: CAM policy lacks cwp:DescribeVulList (UnauthorizedOperation)']);
    const list = await socdeck('cloud', 'accounts', '--data-dir', dataDir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^acme-prod\s+acme\s+partial\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d lacks cwp:DescribeVulList$/m);
  });

  it('cloud sync of an unknown account fails naming the configured ones', async () => {
    const r = await socdeck('cloud', 'sync', 'nope', '--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no cloud account "nope" (configured: acme-prod)');
  });
});
