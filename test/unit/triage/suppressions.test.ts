import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../src/daemon/store/store.js';
import { SuppressionRules } from '../../../src/daemon/triage/suppressions.js';
import { makeAlert } from './make-alert.js';

let dir: string;
let store: Store;
let now: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'socdeck-sup-'));
  store = await Store.open(dir);
  now = Date.parse('2026-01-10T12:00:00Z');
  const alerts = Array.from({ length: 6 }, (_, i) => makeAlert(i));
  await store.commit(alerts.map((a) => ({ op: 'put' as const, coll: 'alerts', id: a.id, value: a })));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('suppression rules', () => {
  it('match while live, stop matching when expired, and say so', async () => {
    const rules = new SuppressionRules(store, { now: () => now });
    const rule = await rules.add({ filter: 'host:web-01', reason: 'maintenance', until: '2026-01-10T13:00:00Z' }, 'alice');
    expect(rule).toMatchObject({ matching: 2, expired: false, createdBy: 'alice', createdAt: '2026-01-10T12:00:00.000Z' });
    const hidden = rules.index.suppressor(now);
    expect(
      store
        .values<ReturnType<typeof makeAlert>>('alerts')
        .filter(hidden)
        .map((a) => a.host),
    ).toEqual(['web-01', 'web-01']);

    now = Date.parse('2026-01-10T13:00:00Z');
    expect(rules.list()).toMatchObject([{ id: rule.id, expired: true, matching: 0 }]);
    expect(store.values<ReturnType<typeof makeAlert>>('alerts').filter(rules.index.suppressor(now))).toEqual([]);
    // Suppression never deletes: every alert is still stored.
    expect(store.count('alerts')).toBe(6);
  });

  it('refuses an expiry in the past and a rule that does not exist', async () => {
    const rules = new SuppressionRules(store, { now: () => now });
    await expect(rules.add({ filter: 'sev>=high', reason: 'x', until: '2026-01-10T11:00:00Z' }, 'alice')).rejects.toThrow(/until: .* is not in the future/);
    await expect(rules.remove('sup-nope', 'alice')).rejects.toThrow(/no suppression rule sup-nope/);
  });
});
