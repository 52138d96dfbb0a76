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
 * Read buffers, reused: a chunk lives until its records are applied, which may be after the
 * next chunks were read (they are parsed meanwhile), so a tail needs a few at once.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  constructor(
    readonly size: number,
    private readonly keep: number,
  ) {}

  take(): Buffer {
    return Buffer.from(this.free.pop() ?? new ArrayBuffer(this.size));
  }

  /** Gives back the memory under `b` (any view of a taken buffer, also one that came back from a worker). */
  release(b: Buffer): void {
    if (b.buffer instanceof ArrayBuffer && b.buffer.byteLength === this.size && this.free.length < this.keep) this.free.push(b.buffer);
  }
}

/**
 * Reads complete lines from `from` on, chunk by chunk, each into a buffer from `pool` that the
 * caller owns from then on (and releases). Stops at the end of the file or before a partial last line, which
 * waits for its newline.
 */
export async function* readChunks(fh: FileHandle, from: number, pool: BufferPool, o: ChunkReadOptions): AsyncGenerator<FileChunk> {
  for (let readAt = from; ; ) {
    const buf = pool.take();
    const { bytesRead } = await fh.read(buf, 0, buf.length, readAt);
    const atEof = bytesRead < buf.length;
    const end = o.final && atEof ? bytesRead : buf.subarray(0, bytesRead).lastIndexOf(10) + 1;
    if (end === 0) {
      const head = bytesRead > o.maxLineBytes ? Buffer.from(buf.subarray(0, o.keepBytes)) : undefined;
      pool.release(buf);
      if (head) yield { kind: 'overcap', start: readAt, head, scanned: readAt + bytesRead };
      return;
    }
    yield { kind: 'lines', start: readAt, bytes: buf.subarray(0, end), final: o.final && atEof };
    readAt += end;
    if (atEof) return;
  }
}
