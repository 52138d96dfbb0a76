import { describe, expect, it } from 'vitest';
import { leakSeverity, recordDetections } from '../../../src/daemon/leaks/leak-items.js';
import type { DetectedSecret } from '../../../src/daemon/leaks/scan-text.js';
import type { StoreOp } from '../../../src/daemon/store/store.js';
import type { LeakItem } from '../../../src/shared/leak.js';
import { LEAKS, LEAK_FINDINGS } from '../../../src/daemon/collections.js';

describe('leakSeverity', () => {
  it.each([
    ['critical', 'config/deploy.env', 'high', 'critical'],
    ['critical', 'test/fixtures/deploy.env', 'high', 'high'],
    ['high', 'docs/setup.md', 'low', 'low'],
    ['low', 'examples/a.py', 'low', 'info'],
    ['info', 'examples/a.py', 'low', 'info'],
  ] as const)('%s in %s (%s confidence) -> %s', (base, file, confidence, expected) => {
    expect(leakSeverity(base, file, confidence)).toBe(expected);
  });
});

const detection = (over: Partial<DetectedSecret> = {}): DetectedSecret => ({
  rule: 'aws-access-key-id',
  provider: 'aws',
  title: 'AWS access key ID',
  severity: 'high',
  file: 'app.env',
  line: 3,
  column: 1,
  masked: 'AKIA…ABCD',
  length: 20,
  fingerprint: `sha256:${'a'.repeat(64)}`,
  confidence: 'high',
  ...over,
});

/** Applies ops to a map, as the store would. */
function applied(ops: StoreOp[], into = new Map<string, unknown>()): Map<string, unknown> {
  for (const o of ops) if (o.op === 'put') into.set(`${o.coll}/${o.id}`, o.value);
  return into;
}

describe('recordDetections', () => {
  const base = { customer: 'acme', target: '/srv/app', now: '2026-03-02T02:00:00.000Z', slaBusinessMinutes: 30 };

  it('creates one leak per fingerprint and one finding per place', () => {
    const r = recordDetections({ ...base, detected: [detection(), detection({ file: 'other.env', line: 9 })], get: () => undefined });
    expect(r.newLeaks).toHaveLength(1);
    expect(r.newLeaks[0]).toMatchObject({ id: 'leak-acme-aaaaaaaaaaaaaaaa', locations: 2, severity: 'high', slaBusinessMinutes: 30, state: 'open', history: [] });
    expect(r.ops.filter((o) => o.coll === LEAK_FINDINGS)).toHaveLength(2);
  });

  it('writes nothing when a rescan sees only known places', () => {
    const store = applied(recordDetections({ ...base, detected: [detection()], get: () => undefined }).ops);
    const again = recordDetections({ ...base, now: '2026-03-02T03:00:00.000Z', detected: [detection()], get: (c, id) => store.get(`${c}/${id}`) });
    expect(again).toEqual({ ops: [], newLeaks: [] });
  });

  it('raises severity and adds the history purge when the key turns up in a commit', () => {
    const store = applied(recordDetections({ ...base, detected: [detection({ file: 'test/a.env' })], get: () => undefined }).ops);
    const r = recordDetections({ ...base, detected: [detection({ commit: 'c'.repeat(40) })], get: (c, id) => store.get(`${c}/${id}`) });
    const item = applied(r.ops).get(`${LEAKS}/leak-acme-aaaaaaaaaaaaaaaa`) as LeakItem;
    expect(r.newLeaks).toEqual([]);
    expect(item).toMatchObject({ severity: 'high', locations: 2 });
    expect(item.remediation.some((s) => s.includes('git filter-repo'))).toBe(true);
  });
});
