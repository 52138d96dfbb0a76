import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import type { EventParams } from '../../../src/shared/protocol.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makeAlert } from '../../unit/triage/make-alert.js';

let td: TestDaemon | undefined;
afterEach(async () => {
  await td?.stop();
  td = undefined;
});

describe('snooze and suppression', () => {
  it('a snoozed alert comes back by itself when its time passes, attributed to the daemon', async () => {
    let now = Date.now();
    td = await startTestDaemon({ clock: { now: () => now }, configOverrides: { triage: { snoozeCheckMs: 100 } } });
    const a = makeAlert(1);
    await td.daemon.store.commit([{ op: 'put', coll: 'alerts', id: a.id, value: a }]);
    const alice = await td.connect('alice');
    await alice.request('alerts.subscribe', {});
    const until = new Date(now + 3_600_000).toISOString();
    await alice.request('alerts.snooze', { targets: [{ id: a.id, rev: 0 }], until });
    expect((await alice.request('alerts.get', { id: a.id })).snoozedUntil).toBe(until);

    const back = new Promise<Alert>((resolve) =>
      alice.onEvent('alerts.changed', (e: EventParams<'alerts.changed'>) => {
        const hit = e.upserts.find((x) => x.id === a.id && x.snoozedUntil === undefined);
        if (hit) resolve(hit);
      }),
    );
    now += 3_600_001;
    const woke = await back;
    expect(woke.lastChange).toMatchObject({ actor: 'daemon', action: 'unsnooze', rev: 2 });
    const audit = await alice.request('audit.list', { alertId: a.id });
    expect(audit.entries.map((e) => `${e.actor}:${e.action}`)).toEqual(['daemon:unsnooze', 'alice:snooze']);
  });

  it('snoozing into the past is refused', async () => {
    td = await startTestDaemon();
    const a = makeAlert(1);
    await td.daemon.store.commit([{ op: 'put', coll: 'alerts', id: a.id, value: a }]);
    const alice = await td.connect('alice');
    await expect(alice.request('alerts.snooze', { targets: [{ id: a.id }], until: '2020-01-01T00:00:00Z' })).rejects.toThrow(/not in the future/);
  });

  it('a suppression rule hides matching alerts from the list, counts them, and is audited', async () => {
    td = await startTestDaemon();
    const alerts = Array.from({ length: 9 }, (_, i) => makeAlert(i));
    await td.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
    const alice = await td.connect('alice');
    const rule = await alice.request('suppressions.add', { filter: 'host:web-00', reason: 'pen test this week', until: new Date(Date.now() + 86_400_000).toISOString() });
    expect(rule).toMatchObject({ createdBy: 'alice', expired: false, matching: 3 });

    const list = await alice.request('alerts.list', {});
    expect(list.total).toBe(6);
    expect(list.suppressed).toBe(3);
    expect(list.alerts.some((a) => a.host === 'web-00')).toBe(false);
    const all = await alice.request('alerts.list', { includeSuppressed: true });
    expect(all.total).toBe(9);

    await alice.request('suppressions.remove', { id: rule.id });
    expect((await alice.request('alerts.list', {})).total).toBe(9);
    const audit = await alice.request('audit.list', {});
    // Users added for the test are audited too (kind user); this test is about suppressions.
    expect(audit.entries.filter((e) => e.target.kind !== 'user').map((e) => e.action)).toEqual(['unsuppress', 'suppress']);
  });

  it('a suppression rule with a bad filter is refused with the column', async () => {
    td = await startTestDaemon();
    const alice = await td.connect('alice');
    await expect(alice.request('suppressions.add', { filter: 'host:web-* sev>>high', reason: 'x', until: '2999-01-01T00:00:00Z' })).rejects.toThrow(/filter: column 16/);
  });

  it('saved filters: config ones are listed, analysts save their own, bad ones are refused', async () => {
    td = await startTestDaemon({ configOverrides: { triage: { savedFilters: { urgent: 'sev>=high state:new' } } } });
    const alice = await td.connect('alice');
    await alice.request('filters.save', { name: 'web', filter: 'host:web-*' });
    const { filters } = await alice.request('filters.list');
    expect(filters.find((f) => f.name === 'urgent')).toMatchObject({ source: 'config', filter: 'sev>=high state:new' });
    expect(filters.find((f) => f.name === 'web')).toMatchObject({ source: 'saved', savedBy: 'alice' });
    await expect(alice.request('filters.save', { name: 'bad', filter: 'state:opened' })).rejects.toThrow(/unknown state/);
  });

  it('a bad saved filter in config stops the daemon with the key named', async () => {
    await expect(startTestDaemon({ configOverrides: { triage: { savedFilters: { broken: 'sev>=hgh' } } } })).rejects.toThrow(/triage\.savedFilters\.broken: filter "sev>=hgh": column 6/);
  });
});
