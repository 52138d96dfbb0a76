import { tempDir } from '../../support/daemon.js';
import type { Alert } from '../../../src/shared/alert.js';
import type { Store } from '../../../src/daemon/store/store.js';
import { ALERTS } from '../../../src/daemon/collections.js';

/** Polls until `cond` holds; fails with `what` after `tries` polls (bounded, no timing assertion). */
export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, tries = 500, everyMs = 20): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A Suricata alert whose signature id makes it unique (its own fingerprint). */
export function eveLine(sid: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    timestamp: '2026-05-01T00:00:00.000000+0000',
    flow_id: 1000 + sid,
    event_type: 'alert',
    src_ip: '192.0.2.10',
    src_port: 40000,
    dest_ip: '198.51.100.1',
    dest_port: 443,
    proto: 'TCP',
    alert: { action: 'allowed', gid: 1, signature_id: sid, rev: 1, signature: `test signature ${sid}`, category: 'test', severity: 2 },
    ...extra,
  });
}

export function ruleIds(store: Store): number[] {
  return store
    .values<Alert>(ALERTS)
    .map((a) => Number(a.ruleId))
    .sort((a, b) => a - b);
}

/**
 * Config that keeps the other subsystems' slow start-up work (playbook git repo, demo leak repo,
 * report schedules) out of these tests, which exercise only the ingest side.
 */
export function quietOthers(): Record<string, unknown> {
  return {
    leaks: { enabled: false, demo: { enabled: false } },
    playbooks: { watch: false, initGit: true, dir: tempDir('socdeck-empty-playbooks-') },
    reports: { schedule: { enabled: false } },
  };
}
