import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareQueue, slaKey } from '../../../src/shared/alert-order.js';
import { SortedAlerts } from '../../../src/tui/sorted-alerts.js';
import { makeAlert } from '../triage/make-alert.js';
import { clock } from './sla-clock.js';

describe('SortedAlerts', () => {
  it('stays in queue order, one row per id, through any sequence of upserts, removals and clock refreshes', () => {
    const upsert = fc.record({ n: fc.integer({ min: 0, max: 30 }), sev: fc.constantFrom('info', 'low', 'medium', 'high', 'critical' as const), sec: fc.integer({ min: 0, max: 50 }) });
    const tick = fc.array(fc.record({ n: fc.integer({ min: 0, max: 30 }), remaining: fc.integer({ min: -120, max: 240 }), paused: fc.boolean(), done: fc.boolean() }), { maxLength: 15 });
    const removal = fc.integer({ min: 0, max: 30 });
    const step = fc.oneof(
      upsert.map((u) => ({ upsert: u })),
      tick.map((t) => ({ tick: t })),
      removal.map((n) => ({ remove: n })),
    );
    fc.assert(
      fc.property(fc.array(upsert, { maxLength: 10 }), fc.array(step, { maxLength: 60 }), (initial, steps) => {
        const mk = (u: (typeof initial)[number]) => makeAlert(u.n, { severity: u.sev, lastSeen: new Date(Date.UTC(2026, 0, 1, 0, 0, u.sec)).toISOString() });
        const s = new SortedAlerts();
        s.reset(initial.map(mk));
        const expected = new Map(initial.map((u) => [mk(u).id, mk(u)]));
        let clocks = new Map<string, ReturnType<typeof clock>>();
        for (const st of steps) {
          if ('upsert' in st) {
            s.upsert(mk(st.upsert));
            expected.set(mk(st.upsert).id, mk(st.upsert));
          } else if ('remove' in st) {
            s.remove(makeAlert(st.remove).id);
            expected.delete(makeAlert(st.remove).id);
          } else {
            clocks = new Map(st.tick.map((k) => [makeAlert(k.n).id, clock(makeAlert(k.n).id, k.remaining, { paused: k.paused, phase: k.done ? 'done' : 'response' })]));
            s.setClocks([...clocks.values()]);
          }
        }
        const want = [...expected.values()].map((alert) => ({ alert, sla: slaKey(clocks.get(alert.id)) })).sort(compareQueue);
        expect(s.all().map((e) => e.alert.id)).toEqual(want.map((e) => e.alert.id));
        expect(s.size).toBe(expected.size);
      }),
    );
  });

  it('says whether a clock refresh moved any row, so an unchanged queue is not redrawn', () => {
    const s = new SortedAlerts();
    s.reset([makeAlert(1), makeAlert(2)]);
    // a00002 is the more severe, but only a00001 has a running clock.
    expect(s.setClocks([clock('a00001', 10)])).toBe(true);
    // The next refresh: the same due time, so nothing moves.
    expect(s.setClocks([clock('a00001', 10)])).toBe(false);
    expect(s.all().map((e) => e.alert.id)).toEqual(['a00001', 'a00002']);
  });
});
