import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readFeedFile } from '../../../../src/daemon/intel/feeds/offline-import.js';
import { loadFeedSet } from '../../../../src/daemon/intel/offline-match.js';
import { readZip, ZIP_LIMITS, type ZipLimits } from '../../../../src/daemon/intel/feeds/zip-entries.js';
import { SocdeckError } from '../../../../src/shared/errors.js';
import { tempDir } from '../../../support/daemon.js';
import { buildZip, type ZipSpec } from '../../../support/zip-build.js';

const OSV = fileURLToPath(new URL('../../../fixtures/intel/feeds/osv/', import.meta.url));
const dir = tempDir('socdeck-zip-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(buf: Buffer, limits?: Partial<ZipLimits>) {
  const out: { name: string; text: string }[] = [];
  for await (const e of readZip(buf, 'all.zip', { ...ZIP_LIMITS, ...limits })) out.push({ name: e.name, text: e.data.toString('utf8') });
  return out;
}

async function refusal(buf: Buffer, limits?: Partial<ZipLimits>): Promise<SocdeckError> {
  const err = await collect(buf, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SocdeckError);
  expect((err as SocdeckError).code).toBe('invalid_params');
  expect((err as SocdeckError).message).toMatch(/^all\.zip: not a readable zip archive \(/);
  return err as SocdeckError;
}

const json = (n: number) => Buffer.from(JSON.stringify({ id: `X-${n}` }));
const zeros = (bytes: number) => Buffer.alloc(bytes);

describe('zip archives through yauzl', () => {
  it('imports the OSV fixtures from an archive exactly as from the folder, stored or deflated', async () => {
    const files = readdirSync(OSV)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const specs: ZipSpec[] = files.map((f, i) => ({ name: `osv/${f}`, data: readFileSync(join(OSV, f)), store: i % 2 === 0 }));
    writeFileSync(join(dir, 'all.zip'), buildZip([{ name: 'osv/', data: Buffer.alloc(0), store: true }, ...specs]));
    const fromZip = await readFeedFile(join(dir, 'all.zip'));
    const fromFolder = await Promise.all(files.map((f) => readFeedFile(join(OSV, f))));
    expect(fromZip.errors).toEqual([]);
    expect(fromZip.content.records.length).toBe(30);
    expect(fromZip.content.records).toEqual(fromFolder.flatMap((r) => r.content.records));
  });

  it('refuses a high-ratio bomb from its directory entry, before inflating it', async () => {
    const err = await refusal(buildZip([{ name: 'bomb.json', data: zeros(8 * 1024 * 1024) }]));
    expect(err.message).toMatch(/entry bomb\.json: compression ratio \d+:1, above 200:1/);
  });

  it('refuses an entry that inflates past the size its headers declare', async () => {
    const err = await refusal(buildZip([{ name: 'liar.json', data: zeros(4 * 1024 * 1024), size: 100 }]));
    expect(err.message).toMatch(/too many bytes/i);
  });

  it('refuses entries above the per-entry cap and archives above the total cap', async () => {
    expect((await refusal(buildZip([{ name: 'big.json', data: json(1) }]), { maxEntryBytes: 5 })).message).toMatch(/entry big\.json: \d+ bytes, above the 5 byte entry cap/);
    const many = buildZip([1, 2, 3].map((n) => ({ name: `${n}.json`, data: json(n) })));
    expect((await refusal(many, { maxTotalBytes: 30 })).message).toMatch(/more than 30 bytes uncompressed in total/);
  });

  it('refuses an archive with more entries than the cap, before reading any', async () => {
    const many = buildZip(Array.from({ length: 11 }, (_, n) => ({ name: `${n}.json`, data: json(n) })));
    expect((await refusal(many, { maxEntries: 10 })).message).toMatch(/11 entries, above the 10 entry cap/);
    expect(await collect(many, { maxEntries: 11 })).toHaveLength(11);
  });

  it('refuses many small entries that together expand past the ratio', async () => {
    const wide = buildZip(Array.from({ length: 64 }, (_, n) => ({ name: `${n}.json`, data: zeros(60 * 1024) })));
    expect((await refusal(wide)).message).toMatch(/archive expands above 200:1/);
  });

  it('refuses a nested archive', async () => {
    const inner = buildZip([{ name: 'inner.json', data: json(1) }]);
    expect((await refusal(buildZip([{ name: 'inner.zip', data: inner }]))).message).toMatch(/entry inner\.zip: nested archive refused/);
  });

  it('refuses a truncated archive and a bad CRC, naming the entry', async () => {
    const good = buildZip([1, 2].map((n) => ({ name: `${n}.json`, data: json(n) })));
    await refusal(good.subarray(0, good.length - 30));
    await refusal(good.subarray(0, 40));
    expect((await refusal(buildZip([{ name: 'a.json', data: json(1), crc: 0xdeadbeef }]))).message).toMatch(/entry a\.json: CRC-32 mismatch/);
  });

  it('refuses entry names that climb out of the archive', async () => {
    expect((await refusal(buildZip([{ name: '../../etc/passwd', data: json(1) }]))).message).toMatch(/invalid relative path/);
  });

  it('reports a refused archive as an import error without losing the other files', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'bad.zip'), buildZip([{ name: 'a.json', data: json(1), crc: 1 }]));
    cpSync(join(OSV, 'GO-2023-1571.json'), join(folder, 'GO-2023-1571.json'));
    const set = await loadFeedSet(folder);
    expect(set.errors).toEqual([{ file: 'bad.zip', error: 'bad.zip: not a readable zip archive (entry a.json: CRC-32 mismatch)' }]);
    expect(set.records.map((r) => r.id)).toEqual(['GO-2023-1571']);
  });
});
