import { afterEach, describe, expect, it } from 'vitest';
import type { StoreBackend } from '../../../src/daemon/store/backend.js';
import { storeBackends, type StoreHome } from '../../support/store-backends.js';

const backends = storeBackends();
const open: StoreBackend[] = [];

async function openIn(home: StoreHome): Promise<StoreBackend> {
  const s = await home.open();
  open.push(s);
  return s;
}

async function reopen(home: StoreHome, s: StoreBackend): Promise<StoreBackend> {
  await s.close();
  open.splice(open.indexOf(s), 1);
  return openIn(home);
}

afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

describe.each(backends)('store contract: $name backend', (backend) => {
  it('keeps committed values across a reopen', async () => {
    const home = backend.home();
    const s = await openIn(home);
    await s.commit([{ op: 'put', coll: 'alerts', id: 'a1', value: { n: 1 } }]);
    expect(s.count('alerts')).toBe(1);
    await s.commit([
      { op: 'put', coll: 'alerts', id: 'a2', value: { n: 2 } },
      { op: 'put', coll: 'alerts', id: 'a2', value: { n: 2 } },
      { op: 'del', coll: 'alerts', id: 'a1' },
      { op: 'del', coll: 'alerts', id: 'never-there' },
    ]);
    expect(s.count('alerts')).toBe(1);
    const again = await reopen(home, s);
    expect(again.get('alerts', 'a1')).toBeUndefined();
    expect(again.get('alerts', 'a2')).toEqual({ n: 2 });
    expect(again.count('alerts')).toBe(1);
    expect(again.seq).toBe(2);
    expect(again.backend).toBe(backend.name);
  });

  it('patches stored values shallowly in place, row by row, survives a reopen, and never resurrects a deleted one', async () => {
    const home = backend.home();
    const s = await openIn(home);
    await s.commit([
      { op: 'put', coll: 'alerts', id: 'a', value: { count: 1, raw: 'big', lastSeen: 't1' } },
      { op: 'put', coll: 'alerts', id: 'b', value: { count: 5, raw: 'b', lastSeen: 't0' } },
    ]);
    const held = s.get('alerts', 'a');
    await s.commit([
      {
        op: 'patch',
        coll: 'alerts',
        fields: ['count', 'lastSeen'],
        rows: [
          ['a', 2, 't2'],
          ['gone', 9, 't9'],
          ['b', 6, 't3'],
        ],
      },
    ]);
    expect(held).toBe(s.get('alerts', 'a'));
    const patched = { a: { count: 2, raw: 'big', lastSeen: 't2' }, b: { count: 6, raw: 'b', lastSeen: 't3' } };
    expect({ a: s.get('alerts', 'a'), b: s.get('alerts', 'b') }).toEqual(patched);
    expect(s.get('alerts', 'gone')).toBeUndefined();
    expect(s.count('alerts')).toBe(2);
    const again = await reopen(home, s);
    expect({ a: again.get('alerts', 'a'), b: again.get('alerts', 'b') }).toEqual(patched);
    expect(again.get('alerts', 'gone')).toBeUndefined();
  });

  it('batches concurrent commits into fewer durable writes (group commit)', async () => {
    const s = await openIn(backend.home());
    await Promise.all(Array.from({ length: 200 }, (_, i) => s.commit([{ op: 'put', coll: 'c', id: String(i), value: i }])));
    expect(s.count('c')).toBe(200);
    expect(s.journalStats.appends).toBe(200);
    expect(s.journalStats.fsyncs).toBeLessThan(200);
    expect(s.seq).toBe(200);
  });

  it('lists values in the order they were first put, across reopen and checkpoint alike, and takes any id as a plain key', async () => {
    const home = backend.home();
    const s = await openIn(home);
    // `__proto__` and `constructor` are ids like any other: a collection is no object they could reach into.
    const ids = ['b', '__proto__', 'a', 'constructor', 'c'];
    await s.commit(ids.map((id, n) => ({ op: 'put', coll: 'c', id, value: { n } })));
    await s.commit([
      { op: 'put', coll: 'c', id: 'a', value: { n: 9 } },
      { op: 'del', coll: 'c', id: 'b' },
    ]);
    // Deleted and put again in one entry: it moves to the end, in memory and after a reload.
    await s.commit([
      { op: 'del', coll: 'c', id: '__proto__' },
      { op: 'put', coll: 'c', id: '__proto__', value: { n: 1 } },
    ]);
    const expected = [{ n: 9 }, { n: 3 }, { n: 4 }, { n: 1 }];
    expect(s.values('c')).toEqual(expected);
    expect(s.get('c', '__proto__')).toEqual({ n: 1 });
    const replayed = await reopen(home, s);
    expect(replayed.values('c')).toEqual(expected);
    await replayed.checkpoint();
    const fromCheckpoint = await reopen(home, replayed);
    expect([fromCheckpoint.values('c'), fromCheckpoint.count('c'), fromCheckpoint.get('c', 'constructor')]).toEqual([expected, 4, { n: 3 }]);
    expect(fromCheckpoint.count('none')).toBe(0);
    expect(fromCheckpoint.collections()).toEqual(['c']);
  });

  it('keeps a commit issued during a checkpoint', async () => {
    const home = backend.home();
    const s = await openIn(home);
    for (let i = 0; i < 30; i++) await s.commit([{ op: 'put', coll: 'c', id: String(i), value: { i } }]);
    const [, during] = [s.checkpoint(), s.commit([{ op: 'put', coll: 'c', id: 'late', value: { late: true } }])];
    await during;
    await s.checkpoint();
    const again = await reopen(home, s);
    expect(again.count('c')).toBe(31);
    expect(again.get('c', 'late')).toEqual({ late: true });
  });
});
