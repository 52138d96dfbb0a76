import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../../src/shared/alert.js';
import { applyAction } from '../../../src/daemon/triage/workflow.js';
import { makeAlert } from './make-alert.js';

const env = { actor: 'alice', now: Date.parse('2026-01-10T12:00:00Z'), incidentId: 'INC-1' };
const targets = [{ id: 'a00001' }];

describe('alert workflow transitions', () => {
  it.each<[string, AlertState, () => ReturnType<typeof applyAction>, Partial<ReturnType<typeof applyAction>>]>([
    ['ack from new', 'new', () => applyAction('alerts.ack', makeAlert(1), { targets }, env), { state: 'acknowledged' }],
    ['take assigns me and starts work', 'new', () => applyAction('alerts.take', makeAlert(1), { targets }, env), { state: 'in_progress', assignee: 'alice' }],
    ['assign none unassigns', 'acknowledged', () => applyAction('alerts.assign', makeAlert(1, { state: 'acknowledged', assignee: 'bob' }), { targets, to: 'none' }, env), { assignee: undefined }],
    [
      'close resolved with disposition',
      'resolved',
      () => applyAction('alerts.close', makeAlert(1, { state: 'resolved' }), { targets, disposition: 'duplicate' }, env),
      { state: 'closed', disposition: 'duplicate' },
    ],
    [
      'reopen clears the disposition',
      'closed',
      () => applyAction('alerts.reopen', makeAlert(1, { state: 'closed', disposition: 'duplicate' }), { targets }, env),
      { state: 'acknowledged', disposition: undefined },
    ],
    ['escalate links and starts work', 'new', () => applyAction('alerts.escalate', makeAlert(1), { targets }, env), { incidentId: 'INC-1', state: 'in_progress', assignee: 'alice' }],
    [
      'close clears a snooze',
      'new',
      () => applyAction('alerts.close', makeAlert(1, { snoozedUntil: '2026-01-11T00:00:00Z' }), { targets, disposition: 'true_positive' }, env),
      { snoozedUntil: undefined },
    ],
  ])('%s', (_name, _from, run, expected) => {
    const next = run();
    const cleared = Object.keys(expected).filter((k) => expected[k as keyof typeof expected] === undefined);
    expect(next).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([k]) => !cleared.includes(k))));
    for (const k of cleared) expect(k in next, `${k} is removed`).toBe(false);
    expect(next.rev).toBe(1);
    expect(next.lastChange).toMatchObject({ actor: 'alice', at: '2026-01-10T12:00:00.000Z', rev: 1 });
  });

  it('an action that changes nothing returns the same alert and keeps the revision', () => {
    const a = makeAlert(1, { state: 'acknowledged' });
    expect(applyAction('alerts.ack', a, { targets }, env)).toBe(a);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['ack a closed alert', () => applyAction('alerts.ack', makeAlert(1, { state: 'closed' }), { targets }, env), /cannot ack alert a00001: it is closed/],
    ['reopen an open alert', () => applyAction('alerts.reopen', makeAlert(1), { targets }, env), /cannot reopen .* it is new/],
    ['snooze into the past', () => applyAction('alerts.snooze', makeAlert(1), { targets, until: '2026-01-10T11:00:00Z' }, env), /not in the future/],
    ['escalate twice', () => applyAction('alerts.escalate', makeAlert(1, { incidentId: 'INC-0' }), { targets }, env), /already linked to incident INC-0/],
    [
      'note past the cap',
      () => applyAction('alerts.note', makeAlert(1, { notes: Array.from({ length: 200 }, () => ({ actor: 'x', at: 'y', text: 'z' })) }), { targets, text: 'one more' }, env),
      /already has 200 notes/,
    ],
  ])('refuses to %s', (_name, run, message) => {
    expect(run).toThrow(message);
  });

  it('notes append, never replace', () => {
    const a = applyAction('alerts.note', makeAlert(1), { targets, text: 'first' }, env);
    const b = applyAction('alerts.note', a, { targets, text: 'second' }, { ...env, actor: 'bob' });
    expect(b.notes).toEqual([
      { actor: 'alice', at: '2026-01-10T12:00:00.000Z', text: 'first' },
      { actor: 'bob', at: '2026-01-10T12:00:00.000Z', text: 'second' },
    ]);
    expect(b.rev).toBe(2);
  });
});
