import { splitLines } from './line-decoder.js';
import type { Parsed, ParserSet } from './parsers/registry.js';
import { parseIncoming } from './record-parse.js';

/** How a chunk of complete lines is cut and judged; the same on the main thread and in a parse worker. */
export interface ChunkOptions {
  maxLineBytes: number;
  keepBytes: number;
  /** Parse the last line even without a newline (a rotated file being drained). */
  final: boolean;
  format: string;
}

/**
 * One non-blank line of a chunk: where it lies in the chunk (so its text can be decoded again
 * on demand instead of being shipped back) and what the parsers made of it.
 */
export interface ChunkLine {
  start: number;
  byteLength: number;
  /** 1-based line number within the chunk. */
  line: number;
  outcome: Parsed;
  /** Judged before parsing (over the cap, invalid UTF-8): the text kept is only the head, or lossy. */
  lineRejected?: true;
}

export interface ChunkResult {
  lines: ChunkLine[];
  /** Bytes of the chunk that form complete lines. */
  consumed: number;
  /** Lines consumed, blank ones included, so the caller can keep counting file lines. */
  lineCount: number;
}

export function parseChunk(bytes: Buffer, opts: ChunkOptions, parsers: ParserSet): ChunkResult {
  const split = splitLines(bytes, { maxLineBytes: opts.maxLineBytes, keepBytes: opts.keepBytes, final: opts.final });
  const lines: ChunkLine[] = new Array(split.lines.length);
  for (let i = 0; i < split.lines.length; i++) {
    const l = split.lines[i]!;
    const outcome = parseIncoming(l.reject ? { raw: '', reject: l.reject } : { raw: l.text }, parsers, opts.format);
    const cl: ChunkLine = { start: l.offset, byteLength: l.byteLength, line: l.line, outcome };
    if (l.reject) cl.lineRejected = true;
    lines[i] = cl;
  }
  return { lines, consumed: split.consumed, lineCount: split.lineCount };
}
