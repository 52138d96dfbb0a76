import { afterAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { connectAs, dropLeaderLock, PG_URL_ENV, postgresStoreConfig, waitFor } from '../../support/cluster.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { usePostgres } from '../../support/store-backends.js';
import { alertPolicy, quiet, startReceiver, suricataAlert } from '../sla/sla-harness.js';

const db = usePostgres();
const members: TestDaemon[] = [];
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

afterAll(async () => {
  for (const m of members) await m.stop().catch(() => {});
  await receiver?.close();
  delete process.env.SOCDECK_TEST_HOOK_SECRET;
});

const ALERTS = 5;
const STEPS = [50, 80, 100].map((at) => ({ at, notify: ['hook'] }));
const leader = () => members.find((m) => m.daemon.status().cluster?.leader);

/** Drops the lock until another member leads (the old leader may win it back first). */
async function handOver(): Promise<void> {
  const first = leader();
  for (let i = 0; i < 20 && leader() === first; i++) {
    await dropLeaderLock(db.url());
    await waitFor(() => leader() !== undefined, 10_000, 'a leader after the drop');
  }
  expect(leader()).not.toBe(first);
}

describe('SLA escalation across a change of leader', () => {
  it('sends every escalation message once: none twice, none skipped', async () => {
    process.env.SOCDECK_TEST_HOOK_SECRET = 'hook-secret-for-tests-0123456789';
    receiver = await startReceiver();
    let now = Date.parse('2026-03-10T10:00:00+08:00');
    const clock = { now: () => now };
    const overrides = quiet({
      ...postgresStoreConfig('escalation_handover'),
      sla: { tickMs: 20, policies: [alertPolicy(STEPS)] },
      notify: { tickMs: 20, lang: 'en', channels: { hook: { type: 'webhook', url: `${receiver.url}/hook`, secret: 'env:SOCDECK_TEST_HOOK_SECRET' } } },
    });
    process.env[PG_URL_ENV] = db.url();
    for (let i = 0; i < 2; i++) members.push(await startTestDaemon({ clock, configOverrides: overrides }));
    await waitFor(() => leader() !== undefined, 10_000, 'a leader');
    const sensor: SocdeckClient = await connectAs(members, 0, 'sensor');
    const { alertIds } = await sensor.request('alerts.ingest', { source: 'test', records: Array.from({ length: ALERTS }, (_, i) => suricataAlert(now, 100 + i)) });
    await waitFor(async () => (await sensor.request('sla.list', {})).total === ALERTS, 10_000, 'the clocks');

    const keys = () => receiver!.received.map((r) => (JSON.parse(r.body) as { vars: { item: string; phase: string; step: number } }).vars).map((v) => `${v.item}:${v.phase}:${v.step}`);
    // Each step's messages are due while the lead moves: the outbox must neither repeat nor drop them.
    for (const [at, minute] of [
      [50, 16],
      [80, 25],
      [100, 31],
    ] as const) {
      now = Date.parse(`2026-03-10T10:${minute}:00+08:00`);
      await handOver();
      // The fake clock creeps on while waiting: a job that failed in the handover (a commit refused
      // as a conflict) backs off in clock time, which a frozen clock would never let pass.
      await waitFor(
        () => {
          now += 100;
          return receiver!.received.length >= ALERTS * (STEPS.findIndex((s) => s.at === at) + 1);
        },
        15_000,
        `the ${at} % messages`,
      );
    }
    // Room for a late duplicate to show up.
    await new Promise((r) => setTimeout(r, 500));
    const expected = alertIds.flatMap((id) => STEPS.map((s) => `${id}:response:${s.at}`)).sort();
    expect(keys().sort()).toEqual(expected);
  }, 120_000);
});
