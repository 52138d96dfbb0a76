import { describe, expect, it } from 'vitest';
import { compareDigests, copyStore, digestStore } from '../../../src/daemon/store/copy-store.js';
import { PgStore } from '../../../src/daemon/store/postgres/pg-store.js';
import { JsonStore } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';
import { usePostgres } from '../../support/store-backends.js';

const db = usePostgres();

describe('store migrate (copy between backends)', () => {
  it('copies a json store into an empty database and back, every collection with the same count and content hash', async () => {
    const src = await JsonStore.open(tempDir());
    await src.commit(Array.from({ length: 12_000 }, (_, i) => ({ op: 'put' as const, coll: 'alerts', id: `a${i}`, value: { i, raw: `r${i}` } })));
    await src.commit([
      { op: 'put', coll: 'audit', id: 'x', value: { who: 'alice' } },
      { op: 'put', coll: 'empty', id: 'gone', value: 1 },
      { op: 'del', coll: 'empty', id: 'gone' },
    ]);
    const before = digestStore(src);
    expect(before.map((d) => [d.name, d.count])).toEqual([
      ['alerts', 12_000],
      ['audit', 1],
    ]);

    const pg1 = await PgStore.open({ url: db.url(), schema: 'copy_a' });
    expect(await copyStore(src, pg1)).toEqual(before);
    await pg1.close();
    const reopened = await PgStore.open({ url: db.url(), schema: 'copy_a' });
    expect(compareDigests(before, digestStore(reopened))).toEqual([]);

    const back = await JsonStore.open(tempDir());
    await copyStore(reopened, back);
    expect(compareDigests(before, digestStore(back))).toEqual([]);
    expect(back.values('alerts').slice(0, 2)).toEqual([
      { i: 0, raw: 'r0' },
      { i: 1, raw: 'r1' },
    ]);

    // A non-empty target is refused, naming what is there.
    await expect(copyStore(src, reopened)).rejects.toThrow(/target store is not empty \(alerts, audit\)/);
    for (const s of [src, reopened, back]) await s.close();
  });

  it('names each collection whose count or content differs', () => {
    const a = [
      { name: 'alerts', count: 2, hash: 'sha256:1' },
      { name: 'audit', count: 1, hash: 'sha256:2' },
      { name: 'x', count: 1, hash: 'sha256:3' },
    ];
    const b = [
      { name: 'alerts', count: 1, hash: 'sha256:1' },
      { name: 'audit', count: 1, hash: 'sha256:9' },
      { name: 'y', count: 1, hash: 'sha256:3' },
    ];
    expect(compareDigests(a, b)).toEqual(['alerts: 2 values in the source, 1 in the target', 'audit: content hash differs', 'x: missing in the target', 'y: only in the target']);
  });
});
