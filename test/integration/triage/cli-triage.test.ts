import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import type { AuditEntry, SuppressionView } from '../../../src/shared/triage.js';
import { CLI, requireBuild } from '../../support/child-daemon.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makeAlert } from '../../unit/triage/make-alert.js';

let td: TestDaemon;

/** Runs the built CLI against the in-process daemon; async so the daemon keeps serving meanwhile. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args, '--data-dir', td.dataDir], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  requireBuild();
  td = await startTestDaemon();
  const alerts = Array.from({ length: 6 }, (_, i) => makeAlert(i));
  await td.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
}, 60_000);
afterAll(async () => {
  await td.stop();
});

describe('triage CLI', () => {
  it('alerts take/note/close act on ids and audit --json shows who did what', async () => {
    expect((await cli('alerts', 'take', 'a00000', 'a00001', '--json')).code).toBe(0);
    expect((await cli('alerts', 'note', 'a00000', '--text', 'checked')).stdout).toBe('noted 1 alert\n');
    const closed = await cli('alerts', 'close', 'a00000', '--disposition', 'benign_true_positive', '--reason', 'admin at work');
    expect(closed.stdout).toBe('closed 1 alert\n');

    const list = JSON.parse((await cli('alerts', 'list', '--json', '--filter', 'state:closed')).stdout) as { alerts: Alert[] };
    expect(list.alerts.map((a) => [a.id, a.disposition, a.closeReason])).toEqual([['a00000', 'benign_true_positive', 'admin at work']]);

    const audit = JSON.parse((await cli('audit', '--json', '--alert', 'a00000')).stdout) as { entries: AuditEntry[] };
    expect(audit.entries.map((e) => e.action)).toEqual(['close', 'note', 'take']);
    expect(audit.entries[0]).toMatchObject({ before: { state: 'in_progress' }, after: { state: 'closed', disposition: 'benign_true_positive' } });
  });

  it('refuses a false_positive close without a reason and an unknown disposition', async () => {
    const noReason = await cli('alerts', 'close', 'a00002', '--disposition', 'false_positive');
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/reason: a false_positive close needs a reason/);
    const bad = await cli('alerts', 'close', 'a00002', '--disposition', 'maybe');
    expect(bad.code).toBe(2);
    const badUntil = await cli('alerts', 'snooze', 'a00002', '--until', 'later');
    expect(badUntil.code).toBe(1);
    expect(badUntil.stderr).toMatch(/--until later: use an ISO time/);
  });

  it('suppress add/list/remove', async () => {
    const added = JSON.parse((await cli('suppress', 'add', 'host:web-02', '--reason', 'maintenance', '--until', '2h', '--json')).stdout) as SuppressionView;
    expect(added).toMatchObject({ filter: 'host:web-02', reason: 'maintenance', expired: false, matching: 2 });
    const list = await cli('alerts', 'list');
    expect(list.stdout).toMatch(/\(2 suppressed\)/);
    const rules = JSON.parse((await cli('suppress', 'list', '--json')).stdout) as { rules: SuppressionView[] };
    expect(rules.rules.map((r) => r.id)).toEqual([added.id]);
    expect((await cli('suppress', 'remove', added.id)).stdout).toBe(`removed ${added.id}\n`);
    const badFilter = await cli('suppress', 'add', 'sev>=hgh', '--reason', 'x', '--until', '1h');
    expect(badFilter.stderr).toMatch(/filter: column 6: unknown severity/);
  });
});
