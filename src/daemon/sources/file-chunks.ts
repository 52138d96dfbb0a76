import type { FileHandle } from 'node:fs/promises';
import { parseChunk, type ChunkOptions } from './chunk-parse.js';
import type { ParsedChunk, ParsePool } from './parse-pool.js';
import type { ParserSet } from './parsers/registry.js';

/** Below this a chunk is parsed in place: a worker round trip costs more than it saves. */
const POOL_MIN_BYTES = 256 * 1024;

export type FileChunk =
  | ({ kind: 'lines'; start: number } & ParsedChunk)
  /** A line longer than the cap starts at `start`: only its head was kept; `scanned` is how far it was read. */
  | { kind: 'overcap'; start: number; head: Buffer; scanned: number };

export interface ChunkReadOptions extends Omit<ChunkOptions, 'final'> {
  chunkBytes: number;
  /** Read through to the end of the file, a last line without a newline included (a rotated file). */
  final: boolean;
  pool: ParsePool | undefined;
  parsers: ParserSet;
}

/**
 * Reads complete lines from `from` on, chunk by chunk, parsing several chunks ahead on the pool's
 * workers while the caller journals the earlier ones. Yields in file order. Stops at the end of
 * the file or before a partial last line, which waits for its newline.
 */
export async function* readChunks(fh: FileHandle, from: number, o: ChunkReadOptions): AsyncGenerator<FileChunk> {
  const depth = o.pool ? o.pool.size + 1 : 1;
  const ahead: { start: number; parsed: Promise<ParsedChunk> }[] = [];
  const { size } = await fh.stat();
  let readAt = from;
  let done = false;
  let overCap: FileChunk | undefined;
  try {
    for (;;) {
      while (!done && ahead.length < depth) {
        // Sized to what is there, so a trickle of small appends does not allocate a full chunk per poll.
        const length = Math.min(o.chunkBytes, Math.max(64 * 1024, size - readAt));
        const buf = Buffer.allocUnsafeSlow(length);
        const { bytesRead } = await fh.read(buf, 0, length, readAt);
        const atEof = bytesRead < length;
        const end = o.final && atEof ? bytesRead : buf.subarray(0, bytesRead).lastIndexOf(10) + 1;
        if (end === 0) {
          if (bytesRead > o.maxLineBytes) overCap = { kind: 'overcap', start: readAt, head: Buffer.from(buf.subarray(0, o.keepBytes)), scanned: readAt + bytesRead };
          done = true;
          break;
        }
        const opts: ChunkOptions = { maxLineBytes: o.maxLineBytes, keepBytes: o.keepBytes, format: o.format, final: o.final && atEof };
        const parsed = o.pool && end >= POOL_MIN_BYTES ? o.pool.parse(buf, end, opts) : Promise.resolve({ bytes: buf, result: parseChunk(buf.subarray(0, end), opts, o.parsers) });
        // A chunk read ahead may fail after the caller stopped listening; its error is the caller's only if awaited.
        parsed.catch(() => {});
        ahead.push({ start: readAt, parsed });
        readAt += end;
        if (atEof) done = true;
      }
      const next = ahead.shift();
      if (!next) break;
      yield { kind: 'lines', start: next.start, ...(await next.parsed) };
    }
    if (overCap) yield overCap;
  } finally {
    ahead.length = 0;
  }
}
