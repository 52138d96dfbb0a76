import type { ChunkLine } from './chunk-parse.js';
import { decodeLine } from './line-decoder.js';
import type { Parsed } from './parsers/registry.js';
import type { IncomingRecord } from './record-parse.js';

/**
 * A line of a parsed chunk. Its text is decoded only when someone needs it (the evidence of a
 * new queue row, a quarantine entry): most lines are repeats that only move a counter, and
 * holding each as a string would cost a copy per line and most of the garbage collector's time.
 */
export class ChunkRecord implements IncomingRecord {
  private text: string | undefined;
  readonly rawLength: number | undefined;

  constructor(
    private readonly bytes: Buffer,
    private readonly l: ChunkLine,
    private readonly caps: { maxLineBytes: number; keepBytes: number },
    readonly offset: number,
    private readonly where: { path: string; line: number },
  ) {
    if (l.lineRejected) this.rawLength = l.byteLength;
  }

  get raw(): string {
    this.text ??= decodeLine(this.bytes.subarray(this.l.start, this.l.start + this.l.byteLength), this.caps.maxLineBytes, this.caps.keepBytes).text;
    return this.text;
  }

  get parsed(): Parsed {
    return this.l.outcome;
  }

  get origin(): string {
    return lineOrigin(this.where.path, this.where.line, this.offset);
  }
}

/** `path:line`, or `path@offset` when the line number is unknown (tailing began mid-file). */
export function lineOrigin(path: string, line: number, offset: number): string {
  return line ? `${path}:${line}` : `${path}@${offset}`;
}
