import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS, QUARANTINE } from '../../../src/daemon/collections.js';
import type { Alert } from '../../../src/shared/alert.js';
import type { QuarantineEntry } from '../../../src/shared/protocol.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { quietOthers, waitFor } from '../sources/helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RULE = join(ROOT, 'config', 'sigma', 'rules', 'linux', 'lnx_privileged_user_creation.yml');
const AUTH_LOG = join(ROOT, 'test', 'fixtures', 'sigma', 'auth.log');

describe('a file source with detect: sigma (real daemon)', () => {
  const dir = tempDir('socdeck-sigma-src-');
  const rules = join(dir, 'rules');
  const log = join(dir, 'auth.log');
  let d: TestDaemon;
  const sigmaAlerts = () => d.daemon.store.values<Alert>(ALERTS).filter((a) => a.source === 'auth');
  const status = () => d.daemon.status().sources.find((s) => s.name === 'auth');

  beforeAll(async () => {
    mkdirSync(rules);
    copyFileSync(RULE, join(rules, 'privileged-user.yml'));
    writeFileSync(join(rules, 'brute-force.yml'), 'title: agg\nlogsource: {product: linux, service: sshd}\ndetection:\n  sel:\n    outcome: failure\n  condition: sel | count() by src_ip > 10\n');
    copyFileSync(AUTH_LOG, log);
    d = await startTestDaemon({
      dataDir: join(dir, 'data'),
      configOverrides: {
        ...quietOthers(),
        ingest: { sources: [{ name: 'auth', kind: 'file', paths: [log], pollMs: 20, customer: 'acme', detect: 'sigma', sigma: { rules, mapping: 'linux-auth', reloadDebounceMs: 50 } }] },
      },
    });
  });
  afterAll(async () => d?.stop());

  it('raises an alert per matching line (repeats of one rule on one host fold into a count) with the rule title, level, ATT&CK and entities; other lines are neither alerts nor quarantined', async () => {
    await waitFor('4 sigma matches', () => status()?.ingested === 4);
    expect(sigmaAlerts()).toHaveLength(1);
    const a = sigmaAlerts()[0]!;
    expect(a.count).toBe(4);
    expect(a).toMatchObject({
      product: 'sigma',
      ruleId: '0ac15ec3-d24f-4246-aa2a-3077bb1cf90e',
      title: 'Privileged User Has Been Created',
      severity: 'high',
      host: 'testserver',
      customer: 'acme',
      mitre: ['T1136.001', 'T1098'],
    });
    expect(a.raw).toBe(readFileSync(AUTH_LOG, 'utf8').split('\n')[24]);
    expect(new Set(a.attack?.map((x) => x.technique + (x.subtechnique ? `/${x.subtechnique}` : '')))).toEqual(new Set(['T1098', 'T1136/T1136.001']));
    expect(a.attack?.map((x) => x.tactic)).toEqual(expect.arrayContaining(['persistence', 'privilege-escalation']));
    expect(d.daemon.store.count(QUARANTINE)).toBe(0);
    await waitFor('rule error in the source status', () => (status()?.ruleErrors ?? []).some((e) => e.startsWith('brute-force.yml:6:18: condition: aggregations')));
  });

  it('quarantines a line its decoder cannot read, and hot-reloads an edited rule', async () => {
    appendFileSync(log, 'this is not syslog\n');
    await waitFor('quarantined line', () => d.daemon.store.values<QuarantineEntry>(QUARANTINE).some((q) => q.source === 'auth' && q.reason.startsWith('linux-auth: not a syslog line')));
    // The edited rule now also flags new unprivileged users; the broken one is fixed.
    writeFileSync(join(rules, 'privileged-user.yml'), readFileSync(RULE, 'utf8').replace("- 'GID=27,' # sudo group", "- 'GID=27,' # sudo group\n        - 'UID=1001,'"));
    writeFileSync(
      join(rules, 'brute-force.yml'),
      'title: invalid ssh user\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\ntags: [attack.t1110.001]\nlogsource: {product: linux, service: sshd}\ndetection:\n  sel:\n    invalid_user: "true"\n  condition: sel\n',
    );
    await waitFor('rule errors cleared', () => status() !== undefined && status()!.ruleErrors === undefined);
    appendFileSync(
      log,
      'Dec 21 18:00:00 testserver useradd[1339]: new user: name=ci, UID=1001, GID=1001, home=/home/ci, shell=/bin/bash\nFeb 12 14:10:21 sd-126005 sshd[16378]: Invalid user pascal from 35.188.49.176 port 53502\n',
    );
    // The unprivileged useradd now matches the edited rule: a repeat on the same host, so the row's count moves.
    await waitFor(
      'alerts from the edited and the fixed rule',
      () => sigmaAlerts().some((a) => a.ruleId === '0ac15ec3-d24f-4246-aa2a-3077bb1cf90e' && a.count === 5) && sigmaAlerts().some((a) => a.ruleId === '11111111-2222-3333-4444-555555555555'),
    );
    const invalid = sigmaAlerts().find((a) => a.ruleId === '11111111-2222-3333-4444-555555555555')!;
    expect(invalid).toMatchObject({ severity: 'low', srcIp: '35.188.49.176', user: 'pascal', host: 'sd-126005' });
  });
});
