import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

/** A store with a checkpoint at sequence 3 and entries 4..10 in its journal, closed without a checkpoint. */
async function seeded(): Promise<string> {
  const dir = tempDir();
  const s = await Store.open(dir);
  for (let i = 1; i <= 3; i++) await s.commit([{ op: 'put', coll: 'c', id: String(i), value: i }]);
  await s.checkpoint();
  for (let i = 4; i <= 10; i++) await s.commit([{ op: 'put', coll: 'c', id: String(i), value: i }]);
  await s.close();
  return dir;
}

const checkpointSeq = (dir: string) => (JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as { seq: number }).seq;

describe('Store restart', () => {
  it('replays the journal without writing a checkpoint, and counts what it replayed toward the next one', async () => {
    const dir = await seeded();
    const s = await Store.open(dir, { checkpointEvery: 10 });
    open.push(s);
    expect(s.count('c')).toBe(10);
    expect(checkpointSeq(dir)).toBe(3);
    expect(s.sinceLastCheckpoint).toBe(7);
    // Three more commits reach checkpointEvery (7 replayed + 3): the checkpoint then covers all 13.
    for (let i = 11; i <= 13; i++) await s.commit([{ op: 'put', coll: 'c', id: String(i), value: i }]);
    for (let i = 0; i < 100 && checkpointSeq(dir) !== 13; i++) await new Promise((r) => setTimeout(r, 10));
    expect(checkpointSeq(dir)).toBe(13);
  });

  it('replays the same entries again on a second start, losing and repeating nothing', async () => {
    const dir = await seeded();
    const first = await Store.open(dir);
    await first.commit([{ op: 'put', coll: 'c', id: '11', value: 11 }]);
    await first.close();
    const again = await Store.open(dir);
    open.push(again);
    expect(again.values<number>('c')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(again.seq).toBe(11);
    expect(existsSync(join(dir, '.checkpoint.json.tmp'))).toBe(false);
  });
});
