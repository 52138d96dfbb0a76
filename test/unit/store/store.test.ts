import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SocdeckError } from '../../../src/shared/errors.js';
import { replaySegments } from '../../../src/daemon/store/journal.js';
import { Store, type StoreOptions } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';

const open: Store[] = [];
const logs: string[] = [];
async function openStore(dir: string, opts: StoreOptions = {}): Promise<Store> {
  const s = await Store.open(dir, { log: (m) => logs.push(m), ...opts });
  open.push(s);
  return s;
}

afterEach(async () => {
  logs.length = 0;
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

// What every backend must do is in test/integration/store/store-contract.test.ts; here, what only the json one does.
describe('Store', () => {
  it('refuses a journal entry whose op it does not know, naming the segment and line, rather than guess what it meant', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    await s.commit([{ op: 'put', coll: 'alerts', id: 'a', value: { count: 1 } }]);
    await s.close();
    open.pop();
    const [segment] = readdirSync(join(dir, 'journal'));
    // An op of another version (a row patch as one object), as the last line: whole, so not a torn tail.
    appendFileSync(
      join(dir, 'journal', segment!),
      JSON.stringify({
        s: 2,
        o: [
          { op: 'put', coll: 'alerts', id: 'b', value: {} },
          { op: 'patch', coll: 'alerts', id: 'a', fields: { count: 2 } },
        ],
      }) + '\n',
    );
    await expect(openStore(dir)).rejects.toThrow(`journal ${segment}:2 is not a valid entry: op 1 is not a store op this version knows`);
  });

  it('checkpoints, drops the covered journal segments and reloads from the checkpoint', async () => {
    const dir = tempDir();
    const s = await openStore(dir, { checkpointEvery: 10 });
    for (let i = 0; i < 25; i++) await s.commit([{ op: 'put', coll: 'c', id: String(i), value: i }]);
    await s.checkpoint();
    const segments = readdirSync(join(dir, 'journal'));
    expect(segments.length).toBe(1);
    const cp = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as { seq: number };
    expect(cp.seq).toBe(25);
    await s.close();
    open.pop();
    const again = await openStore(dir);
    expect(again.count('c')).toBe(25);
  });

  it('ignores a torn last journal line with a log line, keeping everything before it', async () => {
    const dir = tempDir();
    const s = await openStore(dir);
    await s.commit([{ op: 'put', coll: 'c', id: 'ok', value: 1 }]);
    await s.close();
    open.pop();
    const seg = readdirSync(join(dir, 'journal')).sort().at(-1)!;
    appendFileSync(join(dir, 'journal', seg), '{"s":2,"o":[{"op":"put","coll":"c","id":"torn"');
    const again = await openStore(dir);
    expect(again.get('c', 'ok')).toBe(1);
    expect(again.get('c', 'torn')).toBeUndefined();
    expect(logs.some((l) => l.includes('torn last line') && l.includes(seg))).toBe(true);
  });

  it('refuses a journal damaged in the middle, naming file and line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '00000001.jsonl'), '{"s":1,"o":[]}\nnot json\n{"s":3,"o":[]}\n');
    expect(() => replaySegments(dir)).toThrowError(/00000001\.jsonl:2/);
  });

  it('stops a second store from opening the same data dir, naming the holder pid', async () => {
    const dir = tempDir();
    await openStore(dir);
    // A lock naming a live process other than ours: the parent of this test worker.
    writeFileSync(join(dir, 'daemon.lock'), String(process.ppid));
    const err = await Store.open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SocdeckError);
    expect((err as SocdeckError).code).toBe('data_dir_locked');
    expect((err as SocdeckError).message).toContain(`pid ${process.ppid}`);
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'daemon.lock'), '999999999');
    const s = await openStore(dir);
    expect(readFileSync(join(dir, 'daemon.lock'), 'utf8')).toBe(String(process.pid));
    await s.commit([{ op: 'put', coll: 'c', id: 'x', value: 1 }]);
  });
});
