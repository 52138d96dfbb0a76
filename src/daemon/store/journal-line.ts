import { crc32 } from 'node:zlib';
import { STORE_OPS, type StoreOp } from './types.js';

export interface JournalEntry {
  s: number;
  o: StoreOp[];
}

/**
 * One journal line: `<crc32 of the JSON, 8 hex> <JSON>\n`. The checksum catches a line damaged
 * on disk that still parses (a flipped digit in a counter), which JSON alone never would; the
 * sequence number inside catches a line that went missing. CRC-32 from node's zlib: no package,
 * and detection (not security) is all it is for.
 */
export function encodeEntry(entry: JournalEntry): string {
  const json = JSON.stringify(entry);
  return `${checksum(json)} ${json}\n`;
}

function checksum(json: string): string {
  return crc32(json).toString(16).padStart(8, '0');
}

export type DecodedLine = { entry: JournalEntry } | { bad: string };

const CHECKED = /^([0-9a-f]{8}) /;

/** Reads one line (no terminator). Lines from before checksums (`{...}`) are still read. */
export function decodeEntry(line: string): DecodedLine {
  const m = CHECKED.exec(line);
  const json = m ? line.slice(9) : line;
  if (!m && !line.startsWith('{')) return { bad: 'no checksum' };
  if (m && checksum(json) !== m[1]) return { bad: 'checksum mismatch' };
  let v: JournalEntry;
  try {
    v = JSON.parse(json) as JournalEntry;
  } catch {
    return { bad: 'not JSON' };
  }
  if (typeof v !== 'object' || v === null || typeof v.s !== 'number' || !Array.isArray(v.o)) return { bad: 'not {s, o}' };
  const op = v.o.findIndex((o) => !isStoreOp(o));
  return op < 0 ? { entry: v } : { bad: `op ${op} is not a store op this version knows` };
}

/** The op's shape, not its values: enough that replay never mistakes one kind of op for another. */
function isStoreOp(o: unknown): boolean {
  if (typeof o !== 'object' || o === null) return false;
  const op = o as Record<string, unknown>;
  if (typeof op.coll !== 'string' || !(STORE_OPS as readonly unknown[]).includes(op.op)) return false;
  return op.op === 'patch' ? Array.isArray(op.fields) && Array.isArray(op.rows) : typeof op.id === 'string';
}
