import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { Alert } from '../../../src/shared/alert.js';
import type { EventParams } from '../../../src/shared/protocol.js';
import { connectAs, startCluster, waitFor } from '../../support/cluster.js';
import type { TestDaemon } from '../../support/daemon.js';
import { usePostgres } from '../../support/store-backends.js';
import { eveAlert as record } from '../../support/alert-record.js';

const db = usePostgres();
let members: TestDaemon[] = [];

const leaders = () => members.filter((m) => m.daemon.status().cluster?.leader);

beforeAll(async () => {
  members = await startCluster(db.url(), 'cluster_it', 3);
  await waitFor(() => leaders().length === 1, 10_000, 'a leader');
}, 60_000);

afterAll(async () => {
  for (const m of members) await m.stop().catch(() => {});
});

describe('a cluster of three daemons on one PostgreSQL', () => {
  it('has exactly one leader, and every member reports the members, the leader and their lag', async () => {
    await waitFor(() => members.every((m) => m.daemon.status().cluster!.members.length === 3), 5000, 'every member to see three');
    expect(leaders()).toHaveLength(1);
    const c = await connectAs(members, 1, 'tester');
    const status = await c.request('daemon.status', {});
    expect(status.store).toBe('postgres');
    expect(status.cluster!.database.ok).toBe(true);
    expect(status.cluster!.members.filter((m) => m.leader)).toHaveLength(1);
    expect(status.cluster!.members.map((m) => m.lag).every((l) => l >= 0)).toBe(true);
    const port = members[1]!.daemon.info.port;
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { ok: boolean; leader: boolean };
    expect(health.ok).toBe(true);
    expect(health.leader).toBe(status.cluster!.leader);
    const token = await members[0]!.tokenFor('tester');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(metrics).toMatch(new RegExp(`^socdeck_cluster_leader ${status.cluster!.leader ? 1 : 0}$`, 'm'));
    expect(metrics).toMatch(/^socdeck_cluster_lag_entries \d+$/m);
  });

  it('shows an alert ingested on one member to a subscriber attached to another', async () => {
    const sensor = await connectAs(members, 0, 'sensor');
    const analyst = await connectAs(members, 2, 'analyst');
    await analyst.request('alerts.subscribe', {});
    const seen = new Promise<Alert>((resolve) => {
      const off = analyst.onEvent('alerts.changed', (e: EventParams<'alerts.changed'>) => {
        const hit = e.upserts.find((a) => a.srcIp === '10.99.0.1');
        if (hit) {
          off();
          resolve(hit);
        }
      });
    });
    const res = await sensor.request('alerts.ingest', { source: 'it', records: [record(1, '10.99.0.1')] });
    expect((await seen).id).toBe(res.alertIds[0]);
  });

  it('folds a repeat ingested on another member into the same row (dedup holds across members)', async () => {
    const a = await connectAs(members, 0, 'sensor');
    const b = await connectAs(members, 1, 'sensor');
    const first = await a.request('alerts.ingest', { source: 'it', records: [record(2, '10.98.0.1')] });
    const id = first.alertIds[0]!;
    await waitFor(() => members[1]!.daemon.store.get(`alerts`, id) !== undefined, 5000, 'the row on member 1');
    const again = await b.request('alerts.ingest', { source: 'it', records: [record(3, '10.98.0.1')] });
    expect(again.alertIds).toEqual([id]);
    await waitFor(() => members[0]!.daemon.store.get<Alert>('alerts', id)?.count === 2, 5000, 'the count on member 0');
    expect(members[2]!.daemon.store.values<Alert>('alerts').filter((x) => x.srcIp === '10.98.0.1')).toHaveLength(1);
  });

  it('gives two analysts on two members closing one alert the one-daemon answer: one closes, the other gets a conflict', async () => {
    const sensor = await connectAs(members, 0, 'sensor');
    const { alertIds } = await sensor.request('alerts.ingest', { source: 'it', records: [record(4, '10.97.0.1')] });
    const id = alertIds[0]!;
    await waitFor(() => members.every((m) => m.daemon.store.get('alerts', id) !== undefined), 5000, 'the alert everywhere');
    const alice: SocdeckClient = await connectAs(members, 1, 'alice');
    const bob: SocdeckClient = await connectAs(members, 2, 'bob');
    const close = (c: SocdeckClient) => c.request('alerts.close', { targets: [{ id, rev: 0 }], disposition: 'false_positive', reason: 'ours' });
    const results = await Promise.allSettled([close(alice), close(bob)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect((failed.reason as { code: string }).code).toBe('conflict');
    await waitFor(() => members.every((m) => m.daemon.store.get<Alert>('alerts', id)?.rev === 1), 5000, 'rev 1 everywhere');
    // A retry from the loser's member now sees the winner's change, as on one daemon.
    const retry = await close(bob).catch((e: unknown) => e as { code: string; message: string });
    expect((retry as { code: string }).code).toBe('conflict');
    expect((retry as { message: string }).message).toMatch(/was changed by (alice|bob)/);
  });

  it('elects a new leader within 10 s when the leader stops', async () => {
    const old = leaders()[0]!;
    const t0 = Date.now();
    await old.stop();
    members = members.filter((m) => m !== old);
    await waitFor(() => leaders().length === 1, 10_000, 'a new leader');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
