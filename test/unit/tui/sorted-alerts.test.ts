import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUrgency } from '../../../src/shared/alert-order.js';
import { SortedAlerts } from '../../../src/tui/sorted-alerts.js';
import { makeAlert } from '../triage/make-alert.js';

describe('SortedAlerts', () => {
  it('stays in queue order, one row per id, through any sequence of upserts', () => {
    const upsert = fc.record({ n: fc.integer({ min: 0, max: 30 }), sev: fc.constantFrom('info', 'low', 'medium', 'high', 'critical' as const), sec: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(fc.array(upsert, { maxLength: 10 }), fc.array(upsert, { maxLength: 60 }), (initial, updates) => {
        const mk = (u: (typeof initial)[number]) => makeAlert(u.n, { severity: u.sev, lastSeen: new Date(Date.UTC(2026, 0, 1, 0, 0, u.sec)).toISOString() });
        const s = new SortedAlerts();
        s.reset(initial.map(mk));
        const expected = new Map(initial.map((u) => [mk(u).id, mk(u)]));
        for (const u of updates) {
          s.upsert(mk(u));
          expected.set(mk(u).id, mk(u));
        }
        expect(s.all().map((a) => a.id)).toEqual([...expected.values()].sort(compareUrgency).map((a) => a.id));
        expect(s.all().map((a) => a.severity)).toEqual([...expected.values()].sort(compareUrgency).map((a) => a.severity));
      }),
    );
  });
});
