import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import type { Alert } from '../../../src/shared/alert.js';
import { isSocdeckError } from '../../../src/shared/errors.js';
import type { EventParams } from '../../../src/shared/protocol.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { makeAlert } from '../../unit/triage/make-alert.js';

let td: TestDaemon;

async function seed(n: number): Promise<Alert[]> {
  const alerts = Array.from({ length: n }, (_, i) => makeAlert(i));
  await td.daemon.store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
  return alerts;
}

/** Resolves with the first delta upsert for `id` that satisfies `pred`; bounded by the test timeout. */
function nextUpsert(c: SocdeckClient, id: string, pred: (a: Alert) => boolean): Promise<Alert> {
  return new Promise((resolve) => {
    const off = c.onEvent('alerts.changed', (e: EventParams<'alerts.changed'>) => {
      const hit = e.upserts.find((a) => a.id === id && pred(a));
      if (hit) {
        off();
        resolve(hit);
      }
    });
  });
}

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (isSocdeckError(err)) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

beforeEach(async () => {
  td = await startTestDaemon();
});
afterEach(async () => {
  await td.stop();
});

describe('triage workflow over the wire', () => {
  it('one analyst closes an alert; the other sees the change live with the actor', async () => {
    const [a] = await seed(3);
    const alice = await td.connect('alice');
    const bob = await td.connect('bob');
    await bob.request('alerts.subscribe', {});
    const seen = nextUpsert(bob, a!.id, (x) => x.state === 'closed');
    const res = await alice.request('alerts.close', { targets: [{ id: a!.id, rev: 0 }], disposition: 'false_positive', reason: 'scanner we run ourselves' });
    expect(res.updated).toEqual([{ id: a!.id, rev: 1, state: 'closed' }]);
    const got = await seen;
    expect(got.lastChange).toMatchObject({ actor: 'alice', action: 'close', rev: 1 });
    expect(got).toMatchObject({ disposition: 'false_positive', closeReason: 'scanner we run ourselves', rev: 1 });
  });

  it('a stale revision is refused with a conflict naming who changed it', async () => {
    const [a] = await seed(1);
    const alice = await td.connect('alice');
    const bob = await td.connect('bob');
    await alice.request('alerts.take', { targets: [{ id: a!.id, rev: 0 }] });
    const err = await errorOf(bob.request('alerts.ack', { targets: [{ id: a!.id, rev: 0 }] }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/changed by alice \d+ s ago/);
    expect(err.details).toMatchObject({ conflicts: [{ id: a!.id, yourRev: 0, rev: 1, changedBy: 'alice', action: 'take' }] });
    const current = await bob.request('alerts.get', { id: a!.id });
    expect(current).toMatchObject({ state: 'in_progress', assignee: 'alice', rev: 1 });
  });

  it('bulk close of 1,000 marked alerts is one journalled batch, audited per alert', async () => {
    const alerts = await seed(1000);
    const alice = await td.connect('alice');
    // Other modules may commit in reaction (SLA clocks, checkpoints): count only the commits that touch these alerts.
    const store = td.daemon.store;
    const realCommit = store.commit.bind(store);
    const touching: number[] = [];
    store.commit = (ops) => {
      if (ops.some((o) => o.coll === 'alerts')) touching.push(ops.length);
      return realCommit(ops);
    };
    const res = await alice.request('alerts.close', { targets: alerts.map((a) => ({ id: a.id, rev: a.rev })), disposition: 'duplicate' });
    store.commit = realCommit;
    expect(res.updated).toHaveLength(1000);
    expect(res.updated.every((u) => u.state === 'closed' && u.rev === 1)).toBe(true);
    // one journal line: 1,000 alert puts and 1,000 audit entries
    expect(touching).toEqual([2000]);
    const audit = await alice.request('audit.list', { limit: 10_000, action: 'close' });
    expect(audit.total).toBe(1000);
    expect(audit.entries[0]).toMatchObject({ actor: 'alice', before: { state: 'new' }, after: { state: 'closed', disposition: 'duplicate' } });
  });

  it('a bulk action with one stale row changes nothing', async () => {
    const alerts = await seed(3);
    const alice = await td.connect('alice');
    await alice.request('alerts.ack', { targets: [{ id: alerts[1]!.id, rev: 0 }] });
    const err = await errorOf(alice.request('alerts.close', { targets: alerts.map((a) => ({ id: a.id, rev: 0 })), disposition: 'true_positive' }));
    expect(err.code).toBe('conflict');
    const list = await alice.request('alerts.list', { state: ['closed'] });
    expect(list.total).toBe(0);
  });

  it('closing as false_positive needs a reason; illegal transitions name the state', async () => {
    const [a] = await seed(1);
    const alice = await td.connect('alice');
    const noReason = await errorOf(alice.request('alerts.close', { targets: [{ id: a!.id }], disposition: 'false_positive' }));
    expect(noReason.code).toBe('invalid_params');
    expect(noReason.message).toMatch(/reason: a false_positive close needs a reason/);
    await alice.request('alerts.close', { targets: [{ id: a!.id }], disposition: 'true_positive' });
    const again = await errorOf(alice.request('alerts.ack', { targets: [{ id: a!.id }] }));
    expect(again.message).toMatch(/cannot ack alert a00000: it is closed/);
    const missing = await errorOf(alice.request('alerts.ack', { targets: [{ id: 'nope' }] }));
    expect(missing.code).toBe('not_found');
  });

  it('notes are appended with their author and show in the audit log', async () => {
    const [a] = await seed(1);
    const alice = await td.connect('alice');
    const bob = await td.connect('bob');
    await alice.request('alerts.note', { targets: [{ id: a!.id }], text: 'checked the proxy logs' });
    await bob.request('alerts.note', { targets: [{ id: a!.id }], text: 'same source hit db-01' });
    const got = await alice.request('alerts.get', { id: a!.id });
    expect(got.notes?.map((n) => [n.actor, n.text])).toEqual([
      ['alice', 'checked the proxy logs'],
      ['bob', 'same source hit db-01'],
    ]);
    const audit = await alice.request('audit.list', { alertId: a!.id });
    expect(audit.entries.map((e) => [e.actor, e.action, e.after.note])).toEqual([
      ['bob', 'note', 'same source hit db-01'],
      ['alice', 'note', 'checked the proxy logs'],
    ]);
  });

  it('escalate creates an incident with the alerts linked; link attaches another', async () => {
    const alerts = await seed(3);
    const alice = await td.connect('alice');
    const res = await alice.request('alerts.escalate', { targets: [{ id: alerts[0]!.id }, { id: alerts[1]!.id }], title: 'Scan wave' });
    const incidentId = res.incidentId!;
    expect(td.daemon.store.get('incidents', incidentId)).toMatchObject({
      id: incidentId,
      title: 'Scan wave',
      status: 'open',
      owner: 'alice',
      createdBy: 'alice',
      linkedAlerts: [alerts[0]!.id, alerts[1]!.id],
    });
    await alice.request('alerts.link', { targets: [{ id: alerts[2]!.id }], incident: incidentId });
    expect(td.daemon.store.get<{ linkedAlerts: string[] }>('incidents', incidentId)?.linkedAlerts).toHaveLength(3);
    const again = await errorOf(alice.request('alerts.escalate', { targets: [{ id: alerts[0]!.id }] }));
    expect(again.message).toMatch(/already linked to incident/);
  });

  it('alerts.list takes a filter and reports bad filters with their column', async () => {
    await seed(12);
    const alice = await td.connect('alice');
    await alice.request('alerts.take', { targets: [{ id: 'a00003' }] });
    const mine = await alice.request('alerts.list', { filter: 'assignee:me' });
    expect(mine.alerts.map((a) => a.id)).toEqual(['a00003']);
    const high = await alice.request('alerts.list', { filter: 'sev>=high host:web-0*' });
    expect(high.alerts.every((a) => a.severity === 'high' || a.severity === 'critical')).toBe(true);
    const bad = await errorOf(alice.request('alerts.list', { filter: 'sev>=hgh' }));
    expect(bad.message).toMatch(/filter: column 6: unknown severity "hgh"/);
    expect(bad.details).toMatchObject({ column: 6 });
  });
});
