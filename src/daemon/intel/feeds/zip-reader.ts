import { inflateRawSync } from 'node:zlib';
import { SocdeckError } from '../../../shared/errors.js';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/**
 * Reads the entries of a zip archive (stored or deflated; what OSV's per-ecosystem `all.zip`
 * uses) through the central directory. Entries are bounded in size so a zip bomb fails
 * with an error instead of exhausting memory.
 */
export function* readZip(buf: Buffer, where: string, maxEntryBytes = 64 * 1024 * 1024): Generator<ZipEntry> {
  const fail = (why: string): never => {
    throw new SocdeckError('invalid_params', `${where}: not a readable zip archive (${why})`);
  };
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('end of central directory not found');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIG) fail(`bad central directory entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (size > maxEntryBytes) fail(`entry ${name} is ${size} bytes, above the ${maxEntryBytes} byte cap`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL_SIG) fail(`bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    if (method === 0) yield { name, data: raw };
    else if (method === 8) yield { name, data: inflateRawSync(raw, { maxOutputLength: maxEntryBytes }) };
    else fail(`entry ${name} uses unsupported compression method ${method}`);
  }
}
