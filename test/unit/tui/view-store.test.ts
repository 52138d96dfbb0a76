import { describe, expect, it } from 'vitest';
import { makeAlert } from '../triage/make-alert.js';
import { newStore } from './render-app.js';
import { clock } from './sla-clock.js';

// makeAlert(n): host web-0(n%3), severity low/medium/high/critical by n%4.
describe('ViewStore fed by a subscription', () => {
  it('drops the rows a delta removes and takes the counts the daemon sends', () => {
    const store = newStore();
    store.setSnapshot([makeAlert(1), makeAlert(2), makeAlert(3)], { total: 40, matched: 12, hidden: { suppressed: 2, snoozed: 1 } });
    expect(store.getState()).toMatchObject({ total: 40, matched: 12, hidden: { suppressed: 2, snoozed: 1 } });
    store.applyDelta([makeAlert(7)], ['a00002'], { total: 41, matched: 12, hidden: { suppressed: 2, snoozed: 1 } });
    expect(store.getState().rows.map((a) => a.id)).toEqual(['a00007', 'a00003', 'a00001']);
    expect(store.get('a00002')).toBeUndefined();
    expect(store.getState().total).toBe(41);
  });

  it('forgets the matched count when the filter changes, until the daemon answers for the new one', () => {
    const store = newStore();
    store.setSnapshot([makeAlert(1)], { total: 9, matched: 5 });
    const seen: string[] = [];
    store.onFilterChange((text) => seen.push(text));
    store.setFilter('host:web-01');
    store.setFilter('host:web-01 ');
    expect(store.getState().matched).toBeUndefined();
    expect(seen).toEqual(['host:web-01']);
  });

  it('keeps the cursor on its alert through a half-typed filter that matches nothing', () => {
    const store = newStore();
    store.setSnapshot([0, 1, 2, 3, 4, 5].map((n) => makeAlert(n)));
    store.update({ cursor: store.getState().rows.findIndex((a) => a.id === 'a00004') });
    store.setFilter('host:w');
    expect(store.getState().rows).toEqual([]);
    store.setFilter('host:web-01');
    expect(store.getState().rows[store.getState().cursor]!.id).toBe('a00004');
    // A new snapshot without it leaves the cursor where it was; once the analyst moves, the old alert is forgotten.
    store.setSnapshot([makeAlert(1)]);
    store.update({ cursor: 0 });
    store.setSnapshot([makeAlert(1), makeAlert(4)]);
    expect(store.getState().rows[store.getState().cursor]!.id).toBe('a00001');
  });

  it('orders rows by the clocks that came with them, from a snapshot and then from a delta for its upserts', () => {
    const store = newStore();
    // a00001 medium, a00003 critical: by severity a00003 would lead.
    store.setSnapshot([makeAlert(1), makeAlert(3)], {}, { a00001: clock('a00001', -5) });
    expect(store.getState().rows.map((a) => a.id)).toEqual(['a00001', 'a00003']);
    // a00003 is updated, and it now has a clock more overdue than a00001's.
    store.applyDelta([{ ...makeAlert(3), count: 2 }], [], {}, { a00003: clock('a00003', -30) });
    expect(store.getState().rows.map((a) => a.id)).toEqual(['a00003', 'a00001']);
    // An upsert without a clock keeps the one it had.
    store.applyDelta([{ ...makeAlert(1), count: 2 }]);
    expect(store.getState().rows.map((a) => a.id)).toEqual(['a00003', 'a00001']);
  });
});
