import type { FileHandle } from 'node:fs/promises';
import { parseChunk, type ChunkOptions, type ChunkResult } from './chunk-parse.js';
import type { ParserSet } from './parsers/registry.js';

export type FileChunk =
  /** `bytes` holds the chunk, so a line's text can be decoded again when it is needed. */
  | { kind: 'lines'; start: number; bytes: Buffer; result: ChunkResult }
  /** A line longer than the cap starts at `start`: only its head was kept; `scanned` is how far it was read. */
  | { kind: 'overcap'; start: number; head: Buffer; scanned: number };

export interface ChunkReadOptions extends Omit<ChunkOptions, 'final'> {
  chunkBytes: number;
  /** Read through to the end of the file, a last line without a newline included (a rotated file). */
  final: boolean;
  parsers: ParserSet;
}

/**
 * Reads complete lines from `from` on, chunk by chunk, and parses each chunk. Yields in file
 * order; stops at the end of the file or before a partial last line, which waits for its newline.
 * Each chunk gets its own buffer: the records keep pointing into it until they are journalled.
 */
export async function* readChunks(fh: FileHandle, from: number, o: ChunkReadOptions): AsyncGenerator<FileChunk> {
  const { size } = await fh.stat();
  for (let readAt = from; ; ) {
    // Sized to what is there, so a trickle of small appends does not allocate a full chunk per poll.
    const length = Math.min(o.chunkBytes, Math.max(64 * 1024, size - readAt));
    const buf = Buffer.allocUnsafe(length);
    const { bytesRead } = await fh.read(buf, 0, length, readAt);
    const atEof = bytesRead < length;
    const end = o.final && atEof ? bytesRead : buf.subarray(0, bytesRead).lastIndexOf(10) + 1;
    if (end === 0) {
      if (bytesRead > o.maxLineBytes) yield { kind: 'overcap', start: readAt, head: Buffer.from(buf.subarray(0, o.keepBytes)), scanned: readAt + bytesRead };
      return;
    }
    const opts: ChunkOptions = { maxLineBytes: o.maxLineBytes, keepBytes: o.keepBytes, format: o.format, final: o.final && atEof };
    yield { kind: 'lines', start: readAt, bytes: buf, result: parseChunk(buf.subarray(0, end), opts, o.parsers) };
    readAt += end;
    if (atEof) return;
  }
}
