import { afterEach, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { Alert } from '../../../src/shared/alert.js';
import { isSocdeckError } from '../../../src/shared/errors.js';
import type { EventParams } from '../../../src/shared/protocol.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makeAlert } from '../../unit/triage/make-alert.js';

let td: TestDaemon | undefined;
afterEach(async () => {
  await td?.stop();
  td = undefined;
});

async function daemonWith(alerts: Alert[], configOverrides: Record<string, unknown> = {}): Promise<TestDaemon> {
  td = await startTestDaemon({ configOverrides });
  await td.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
  return td;
}

/** Every delta one client gets for one subscription, in order. */
function deltasOf(c: SocdeckClient, subscription: string): EventParams<'alerts.changed'>[] {
  const got: EventParams<'alerts.changed'>[] = [];
  c.onEvent('alerts.changed', (e) => e.subscription === subscription && got.push(e));
  return got;
}

const ids = (alerts: readonly { id: string }[]) => alerts.map((a) => a.id).sort();

// makeAlert(n): host web-0(n%3), severity low/medium/high/critical by n%4, state new.
describe('filtered alert subscriptions', () => {
  it('gives two clients with different filters different snapshots, each counting what matched', async () => {
    const d = await daemonWith(Array.from({ length: 12 }, (_, i) => makeAlert(i)));
    const [alice, bob] = await Promise.all([d.connect('alice'), d.connect('bob')]);
    const a = await alice.request('alerts.subscribe', { filter: 'host:web-01' });
    const b = await bob.request('alerts.subscribe', { filter: 'sev>=high !host:web-01' });
    expect(ids(a.alerts)).toEqual(['a00001', 'a00004', 'a00007', 'a00010']);
    expect(ids(b.alerts)).toEqual(['a00002', 'a00003', 'a00006', 'a00011']);
    expect(a).toMatchObject({ total: 12, matched: 4, hidden: { suppressed: 0, snoozed: 0 } });
  });

  it('sends an alert that leaves a filter as a removal, and one that enters it as an add, to that client only', async () => {
    const d = await daemonWith([makeAlert(1), makeAlert(2)]);
    const [alice, bob, carol] = await Promise.all([d.connect('alice'), d.connect('bob'), d.connect('carol')]);
    const fresh = await alice.request('alerts.subscribe', { filter: 'state:new' });
    const working = await bob.request('alerts.subscribe', { filter: 'state:in_progress' });
    const toAlice = deltasOf(alice, fresh.subscription);
    const toBob = deltasOf(bob, working.subscription);
    expect(ids(fresh.alerts)).toEqual(['a00001', 'a00002']);
    expect(working.alerts).toEqual([]);

    await carol.request('alerts.take', { targets: [{ id: 'a00001', rev: 0 }] });
    await expect.poll(() => toAlice.length, { timeout: 5000 }).toBe(1);
    await expect.poll(() => toBob.length, { timeout: 5000 }).toBe(1);
    expect(toAlice[0]).toMatchObject({ seq: 1, upserts: [], removed: ['a00001'], matched: 1 });
    expect(toBob[0]).toMatchObject({ seq: 1, removed: [], matched: 1 });
    expect(toBob[0]!.upserts).toEqual([expect.objectContaining({ id: 'a00001', state: 'in_progress', assignee: 'carol' })]);

    // A change outside both filters reaches neither.
    await carol.request('alerts.close', { targets: [{ id: 'a00002', rev: 0 }], disposition: 'false_positive', reason: 'test' });
    await expect.poll(() => toAlice.length, { timeout: 5000 }).toBe(2);
    expect(toAlice[1]).toMatchObject({ removed: ['a00002'], matched: 0 });
    await new Promise((r) => setTimeout(r, 200));
    expect(toBob).toHaveLength(1);
  });

  it('answers a filter that does not parse with invalid_params naming the column, and the connection stays usable', async () => {
    const d = await daemonWith([makeAlert(1)]);
    const alice = await d.connect('alice');
    const err = await alice.request('alerts.subscribe', { filter: 'host:web-01 sev>=hgh' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSocdeckError(err) && err.code).toBe('invalid_params');
    expect(isSocdeckError(err) && err.details).toMatchObject({ field: 'filter', column: 18 });
    expect((err as Error).message).toContain('column 18: unknown severity "hgh"');
    expect((await alice.request('alerts.subscribe', { filter: 'host:web-01' })).matched).toBe(1);
  });

  it('resolves assignee:me to each subscriber', async () => {
    const d = await daemonWith([makeAlert(1, { assignee: 'alice' }), makeAlert(2, { assignee: 'bob' }), makeAlert(3)]);
    const [alice, bob] = await Promise.all([d.connect('alice'), d.connect('bob')]);
    expect(ids((await alice.request('alerts.subscribe', { filter: 'assignee:me' })).alerts)).toEqual(['a00001']);
    const mine = await bob.request('alerts.subscribe', { filter: 'assignee:me' });
    expect(ids(mine.alerts)).toEqual(['a00002']);

    // Bob takes a00003: it enters his view.
    const toBob = deltasOf(bob, mine.subscription);
    await bob.request('alerts.take', { targets: [{ id: 'a00003' }] });
    await expect.poll(() => toBob.flatMap((e) => e.upserts.map((a) => a.id)), { timeout: 5000 }).toEqual(['a00003']);
  });

  it('hides suppressed alerts from the view and counts them, as soon as the rule is added', async () => {
    const d = await daemonWith(Array.from({ length: 6 }, (_, i) => makeAlert(i)));
    const [alice, bob] = await Promise.all([d.connect('alice'), d.connect('bob')]);
    const sub = await bob.request('alerts.subscribe', {});
    const toBob = deltasOf(bob, sub.subscription);
    await alice.request('suppressions.add', { filter: 'host:web-00', reason: 'pen test', until: new Date(Date.now() + 3_600_000).toISOString() });
    await expect.poll(() => toBob.at(-1)?.hidden.suppressed, { timeout: 5000 }).toBe(2);
    expect(toBob.flatMap((e) => e.removed).sort()).toEqual(['a00000', 'a00003']);
    expect(toBob.at(-1)?.matched).toBe(4);
  });
});

/** A Suricata EVE alert (severity 1 = high, 3 = low) seen at `at`. */
const eve = (n: number, severity: number, at: number) => ({
  timestamp: new Date(at).toISOString().replace('Z', '+0000'),
  event_type: 'alert',
  src_ip: `10.7.7.${n}`,
  dest_ip: '127.0.0.1',
  dest_port: 80,
  proto: 'TCP',
  alert: { signature_id: 2_100_000 + n, signature: `queue order probe ${n}`, severity },
});

describe('snapshot choice by queue order', () => {
  it('keeps an old low-severity alert whose SLA clock is overdue when the limit cuts the queue', async () => {
    const d = await daemonWith([], { daemon: { snapshotLimit: 3 } });
    const sensor = await d.connect('sensor');
    const now = Date.now();
    // Six fresh high alerts (15-minute clocks, running) and one low alert from ten days ago:
    // by severity alone the low one would be cut, but its clock is long overdue.
    const { alertIds } = await sensor.request('alerts.ingest', { source: 'test', records: [...Array.from({ length: 6 }, (_, i) => eve(i, 1, now)), eve(9, 3, now - 10 * 86_400_000)] });
    const old = alertIds.at(-1)!;
    await expect.poll(async () => (await sensor.request('sla.list', { kind: 'alert', ids: alertIds })).clocks.length, { timeout: 10_000 }).toBe(7);

    const analyst = await d.connect('alice');
    const snap = await analyst.request('alerts.subscribe', {});
    expect(snap.alerts).toHaveLength(3);
    expect(snap.alerts[0]).toMatchObject({ id: old, severity: 'low' });
    expect(snap).toMatchObject({ matched: 7, total: 7 });
    expect(snap.clocks[old]).toMatchObject({ phase: 'response', breached: true });
    // The daemon's clock agrees: it is the one overdue.
    const { clocks } = await analyst.request('sla.list', { kind: 'alert', ids: [old] });
    expect(clocks[0]).toMatchObject({ breached: true });
  });

  it('lists alerts for the CLI in the same order', async () => {
    const d = await daemonWith([]);
    const sensor = await d.connect('sensor');
    const now = Date.now();
    const { alertIds } = await sensor.request('alerts.ingest', { source: 'test', records: [eve(1, 1, now), eve(2, 1, now), eve(9, 3, now - 10 * 86_400_000)] });
    await expect.poll(async () => (await sensor.request('sla.list', { kind: 'alert', ids: alertIds })).clocks.length, { timeout: 10_000 }).toBe(3);
    const { alerts } = await sensor.request('alerts.list', {});
    expect(alerts.map((a) => a.id)).toEqual([alertIds[2], ...(await sensor.request('alerts.subscribe', {})).alerts.slice(1).map((a) => a.id)]);
    expect(alerts[0]).toMatchObject({ severity: 'low' });
  });
});
