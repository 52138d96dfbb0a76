import type { FileHandle } from 'node:fs/promises';

export type FileChunk =
  /** `bytes` ends with a complete line (or is a rotated file's last, unterminated one when `final`). */
  | { kind: 'lines'; start: number; bytes: Buffer; final: boolean }
  /** A line longer than the cap starts at `start`: only its head was kept; `scanned` is how far it was read. */
  | { kind: 'overcap'; start: number; head: Buffer; scanned: number };

export interface ChunkReadOptions {
  maxLineBytes: number;
  keepBytes: number;
  /** Read through to the end of the file, a last line without a newline included (a rotated file). */
  final: boolean;
}

/**
 * Reads complete lines from `from` on, chunk by chunk into `buf`, which is reused: the caller
 * must be done with a chunk before asking for the next. Stops at the end of the file or before
 * a partial last line, which waits for its newline.
 */
export async function* readChunks(fh: FileHandle, from: number, buf: Buffer, o: ChunkReadOptions): AsyncGenerator<FileChunk> {
  for (let readAt = from; ; ) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, readAt);
    const atEof = bytesRead < buf.length;
    const end = o.final && atEof ? bytesRead : buf.subarray(0, bytesRead).lastIndexOf(10) + 1;
    if (end === 0) {
      if (bytesRead > o.maxLineBytes) yield { kind: 'overcap', start: readAt, head: Buffer.from(buf.subarray(0, o.keepBytes)), scanned: readAt + bytesRead };
      return;
    }
    yield { kind: 'lines', start: readAt, bytes: buf.subarray(0, end), final: o.final && atEof };
    readAt += end;
    if (atEof) return;
  }
}
