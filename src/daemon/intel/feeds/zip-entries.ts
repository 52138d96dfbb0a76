import { crc32 } from 'node:zlib';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { SocdeckError } from '../../../shared/errors.js';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed over compressed bytes, per entry (above `ratioFloorBytes`) and for the archive so far. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/**
 * OSV's largest per-ecosystem `all.zip` holds a few hundred thousand small JSON files at a
 * ratio near 10:1; deflate bombs run near 1000:1. Past these an archive is refused, not read.
 */
export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 1_000_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 64 * 1024,
};

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // yauzl's validateEntrySizes ends the stream with an error the moment it outgrows the size
  // the directory declared, which the caps were checked against: memory stays bounded.
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads the entries of a zip archive with yauzl (central directory checked against the local
 * headers, entry sizes validated while inflating, unsafe names refused) plus our own caps on
 * entry count, per-entry and total size, compression ratio and CRC-32 (yauzl leaves CRCs to
 * the caller). Nested archives are refused: no feed ships them, bombs do.
 */
export async function* readZip(buf: Buffer, where: string, limits: ZipLimits = ZIP_LIMITS): AsyncGenerator<ZipEntry> {
  const refuse = (why: string, entry?: string) =>
    new SocdeckError('invalid_params', `${where}: not a readable zip archive (${entry ? `entry ${entry}: ` : ''}${why})`, { file: where, ...(entry ? { entry } : {}) });
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    throw refuse((err as Error).message);
  }
  if (zip.entryCount > limits.maxEntries) throw refuse(`${zip.entryCount} entries, above the ${limits.maxEntries} entry cap`);
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes) throw refuse(`${size} bytes, above the ${limits.maxEntryBytes} byte entry cap`, name);
      declared += size;
      if (declared > limits.maxTotalBytes) throw refuse(`more than ${limits.maxTotalBytes} bytes uncompressed in total`);
      if (size > limits.ratioFloorBytes && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        throw refuse(`compression ratio ${Math.round(size / Math.max(1, entry.compressedSize))}:1, above ${limits.maxRatio}:1`, name);
      }
      if (declared > limits.ratioFloorBytes && declared / buf.length > limits.maxRatio) throw refuse(`archive expands above ${limits.maxRatio}:1`);
      const data = await readEntry(zip, entry);
      if (crc32(data) >>> 0 !== entry.crc32) throw refuse('CRC-32 mismatch', name);
      if (data.subarray(0, 4).equals(LOCAL_HEADER)) throw refuse('nested archive refused', name);
      yield { name, data };
    }
  } catch (err) {
    throw err instanceof SocdeckError ? err : refuse((err as Error).message);
  } finally {
    zip.close();
  }
}
