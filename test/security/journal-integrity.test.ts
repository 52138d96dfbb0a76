import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/daemon/store/store.js';
import { requireBuild, runCli } from '../support/child-daemon.js';
import { tempDir } from '../support/daemon.js';

/**
 * Attack 6 of issue 25: a damaged last entry that still ends in a newline was dropped as
 * "torn" and its segment then deleted by the checkpoint; a deleted middle entry went unnoticed;
 * a deleted checkpoint.json started an empty store without a word; a truncated checkpoint was
 * refused without naming the file. Each test fails on the code before per-entry checksums.
 */
const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
beforeAll(() => requireBuild());

/** A data dir with a checkpoint at sequence 2 and journal entries 3..6 in one segment. */
async function dataDir(): Promise<{ dir: string; segment: string }> {
  const dir = tempDir();
  const s = await Store.open(dir);
  for (let i = 1; i <= 2; i++) await s.commit([{ op: 'put', coll: 'alerts', id: `a${i}`, value: { count: i } }]);
  await s.checkpoint();
  for (let i = 3; i <= 6; i++) await s.commit([{ op: 'put', coll: 'alerts', id: `a${i}`, value: { count: i } }]);
  await s.close();
  const segment = readdirSync(join(dir, 'journal'))
    .filter((f) => readFileSync(join(dir, 'journal', f), 'utf8') !== '')
    .sort()
    .at(-1)!;
  return { dir, segment };
}

function editLines(file: string, edit: (lines: string[]) => string[]): void {
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
  writeFileSync(file, edit(lines).join('\n') + '\n');
}

const openFails = (dir: string) =>
  Store.open(dir).then(
    (s) => {
      open.push(s);
      return undefined;
    },
    (err: unknown) => err as Error,
  );

describe('journal integrity', () => {
  it('refuses an acknowledged (newline-terminated) last entry damaged on disk, and store repair keeps what came before', async () => {
    const { dir, segment } = await dataDir();
    // A flipped digit that still parses as JSON: only the checksum can tell.
    editLines(join(dir, 'journal', segment), (l) => [...l.slice(0, -1), l.at(-1)!.replace('"count":6', '"count":9')]);
    const err = await openFails(dir);
    expect(err?.message).toMatch(new RegExp(`journal ${segment}:4 is not a valid entry: checksum mismatch`));

    const check = await runCli(['store', 'check', '--data-dir', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`damaged: journal ${segment}:4: checksum mismatch`);
    const repair = await runCli(['store', 'repair', '--json', '--data-dir', dir]);
    expect(repair.code, repair.stderr).toBe(0);
    const r = JSON.parse(repair.stdout) as { ok: boolean; lost: { entries: number; savedTo: string } };
    expect(r.lost.entries).toBe(1);
    expect(readdirSync(r.lost.savedTo)).toEqual([`${segment}.from-line-4`]);
    expect((await runCli(['store', 'check', '--data-dir', dir])).code).toBe(0);

    const s = await Store.open(dir);
    open.push(s);
    expect(s.values<{ count: number }>('alerts').map((a) => a.count)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a sequence gap (a deleted middle entry), naming file and line', async () => {
    const { dir, segment } = await dataDir();
    editLines(join(dir, 'journal', segment), (l) => [l[0]!, ...l.slice(2)]);
    expect((await openFails(dir))?.message).toMatch(new RegExp(`journal ${segment}:2 is not a valid entry: sequence 5 where 4 was expected \\(an entry is missing\\)`));
  });

  it('refuses to start when checkpoint.json is gone and the journal does not start at sequence 1', async () => {
    const { dir } = await dataDir();
    rmSync(join(dir, 'checkpoint.json'));
    expect((await openFails(dir))?.message).toMatch(/checkpoint\.json is missing and the journal starts at sequence 3, not 1/);
    expect((await runCli(['store', 'check', '--data-dir', dir])).code).toBe(1);
  });

  it('names the checkpoint file when it is truncated, without quoting its content', async () => {
    const { dir } = await dataDir();
    const file = join(dir, 'checkpoint.json');
    truncateSync(file, 20);
    const err = await openFails(dir);
    expect(err?.message).toContain(`checkpoint ${file} is damaged: not valid JSON (20 bytes`);
    expect(err?.message).not.toContain('"collections"');
  });

  it('still ignores a truly torn (unterminated) last line, and leaves no checkpoint temp file behind', async () => {
    const { dir, segment } = await dataDir();
    writeFileSync(join(dir, '.checkpoint.json.tmp'), '{"half');
    const file = join(dir, 'journal', segment);
    writeFileSync(file, readFileSync(file, 'utf8') + '0badc0de {"s":7,"o":[{"op":"put"');
    const s = await Store.open(dir);
    open.push(s);
    expect(s.count('alerts')).toBe(6);
    expect(existsSync(join(dir, '.checkpoint.json.tmp'))).toBe(false);
  });
});
