import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS, QUARANTINE } from '../../../src/daemon/collections.js';
import { replaySegments } from '../../../src/daemon/store/journal.js';
import type { Alert } from '../../../src/shared/alert.js';
import type { QuarantineEntry } from '../../../src/shared/protocol.js';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { quietOthers } from '../sources/helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RULE = join(ROOT, 'config', 'sigma', 'rules', 'linux', 'lnx_privileged_user_creation.yml');
const AUTH_LOG = readFileSync(join(ROOT, 'test', 'fixtures', 'sigma', 'auth.log'), 'utf8');
const PRIVILEGED_USER = '0ac15ec3-d24f-4246-aa2a-3077bb1cf90e';

const WHOAMI_RULE =
  "title: whoami\nid: 22222222-3333-4444-5555-666666666666\nlevel: medium\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel:\n    Image|endswith: '\\\\whoami.exe'\n  condition: sel\n";
const winEvent = (image: string) => ({
  winlog: { event_id: '1', channel: 'Microsoft-Windows-Sysmon/Operational', provider_name: 'Microsoft-Windows-Sysmon', computer_name: 'WS1.corp', event_data: { Image: image, CommandLine: image } },
});

interface Reply {
  accepted: number;
  skipped: number;
  alertIds: string[];
  rejected: { index: number; origin: string; reason: string }[];
}

describe('a webhook source with detect: sigma (real daemon)', () => {
  const dir = tempDir('socdeck-sigma-hook-');
  const rules = join(dir, 'rules');
  let d: TestDaemon;
  let token: string;
  let winToken: string;
  const post = (body: string, source = 'authhook') =>
    fetch(`http://127.0.0.1:${d.daemon.info.port}/ingest/${source}`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${source === 'authhook' ? token : winToken}`, 'content-type': 'text/plain' },
    });
  const hookAlerts = () => d.daemon.store.values<Alert>(ALERTS).filter((a) => a.source === 'authhook');
  const hookQuarantine = () => d.daemon.store.values<QuarantineEntry>(QUARANTINE).filter((q) => q.source === 'authhook');

  beforeAll(async () => {
    mkdirSync(rules);
    copyFileSync(RULE, join(rules, 'privileged-user.yml'));
    writeFileSync(join(rules, 'whoami.yml'), WHOAMI_RULE);
    d = await startTestDaemon({
      dataDir: join(dir, 'data'),
      configOverrides: {
        ...quietOthers(),
        ingest: {
          sources: [
            { name: 'authhook', kind: 'webhook', customer: 'acme', detect: 'sigma', sigma: { rules, mapping: 'linux-auth' } },
            { name: 'winhook', kind: 'webhook', detect: 'sigma', sigma: { rules, mapping: 'windows-winlogbeat' } },
          ],
        },
      },
    });
    token = await d.sourceToken('authhook');
    winToken = await d.sourceToken('winhook');
  });
  afterAll(async () => d?.stop());

  it('reads a plain-text body line by line, even when its first line opens with "[": the bad line alone is quarantined, the matches are alerts on disk before the reply', async () => {
    const res = await post(`[Tue Dec 08 03:00:00 2026] [error] not an auth line\n${AUTH_LOG}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Reply;
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ index: 0, origin: 'webhook:authhook:1' });
    expect(body.rejected[0]!.reason).toMatch(/^linux-auth: not a syslog line/);
    // Four privileged useradd lines, folded into one row on the one host; every other line is skipped.
    expect(body.accepted).toBe(4);
    expect(body.skipped).toBe(AUTH_LOG.split('\n').filter((l) => l.trim() !== '').length - 4);
    expect(new Set(body.alertIds).size).toBe(1);
    const onDisk = replaySegments(`${d.dataDir}/journal`).entries.flatMap((e) => e.o);
    expect(onDisk.some((op) => op.op === 'put' && op.coll === ALERTS && op.id === body.alertIds[0])).toBe(true);
    expect(hookAlerts()).toHaveLength(1);
    expect(hookAlerts()[0]).toMatchObject({ product: 'sigma', ruleId: PRIVILEGED_USER, host: 'testserver', customer: 'acme', count: 4 });
    expect(hookQuarantine().map((q) => q.raw)).toEqual(['[Tue Dec 08 03:00:00 2026] [error] not an auth line']);
  });

  it('answers 202 for a body of good lines, a first line opening with "{" included, and folds repeats into the row', async () => {
    const lines = ['{ stray brace from a broken shipper', 'Dec 21 18:00:00 testserver useradd[1339]: new user: name=ops, UID=1002, GID=0, home=/home/ops, shell=/bin/bash'];
    const res = await post(`${lines[1]}\n`);
    expect(res.status).toBe(202);
    expect(((await res.json()) as Reply).accepted).toBe(1);
    expect(hookAlerts()[0]!.count).toBe(5);
    const mixed = await post(lines.join('\n'));
    expect(mixed.status).toBe(400);
    const body = (await mixed.json()) as Reply;
    expect(body.rejected.map((r) => r.index)).toEqual([0]);
    expect(body.accepted).toBe(1);
    expect(hookQuarantine()).toHaveLength(2);
  });

  it('still takes a JSON array on a source whose decoder reads JSON events (winlogbeat)', async () => {
    const res = await post(JSON.stringify([winEvent('C:\\Windows\\System32\\whoami.exe'), winEvent('C:\\Windows\\System32\\cmd.exe')]), 'winhook');
    expect(res.status).toBe(202);
    expect((await res.json()) as Reply).toMatchObject({ accepted: 1, skipped: 1 });
    expect(
      d.daemon.store
        .values<Alert>(ALERTS)
        .filter((a) => a.source === 'winhook')
        .map((a) => a.ruleId),
    ).toEqual(['22222222-3333-4444-5555-666666666666']);
  });
});
