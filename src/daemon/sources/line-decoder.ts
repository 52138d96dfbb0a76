import { isUtf8 } from 'node:buffer';

/**
 * Turns bytes from files, HTTP bodies and sockets into text records. Shared by every source and
 * by `socdeck parse`, so a line is judged the same way wherever it came from.
 */

const BOM = 0xfeff;

export interface DecodedLine {
  /** The line as text; lossy (U+FFFD) when `reject` is set. */
  text: string;
  /** Byte length of the original line, without its line terminator. */
  byteLength: number;
  /** Why the line cannot be a record, decided before any JSON parsing. */
  reject?: string;
}

/** Index of the first byte that breaks UTF-8, for an error message that points at it. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= buf.length) return i;
    for (let k = 1; k <= need; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    // Overlongs and surrogates that pass the lead/continuation shape test.
    if ((b === 0xe0 && buf[i + 1]! < 0xa0) || (b === 0xed && buf[i + 1]! > 0x9f) || (b === 0xf0 && buf[i + 1]! < 0x90) || (b === 0xf4 && buf[i + 1]! > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // Measuring is cheap; encoding is not, so only a string that really is too long gets encoded.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
  const buf = Buffer.from(text.slice(0, maxBytes), 'utf8');
  let end = maxBytes;
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

function stripLine(text: string): string {
  let t = text;
  if (t.charCodeAt(0) === BOM) t = t.slice(1);
  if (t.charCodeAt(t.length - 1) === 13) t = t.slice(0, -1);
  return t;
}

/** Decodes one line (no terminator). Lines over `maxBytes` keep only their first `keepBytes`. */
export function decodeLine(bytes: Uint8Array, maxBytes: number, keepBytes: number): DecodedLine {
  if (bytes.length > maxBytes) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, keepBytes)).toString('utf8');
    return { text: head, byteLength: bytes.length, reject: `line is ${bytes.length} bytes, over the ${maxBytes}-byte line cap` };
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // isUtf8 is a SIMD check; TextDecoder({fatal}) per line costs several times a JSON.parse.
  if (isUtf8(buf)) return { text: stripLine(buf.toString('utf8')), byteLength: bytes.length };
  return { text: buf.toString('utf8'), byteLength: bytes.length, reject: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)} of the line` };
}

export interface SplitLine extends DecodedLine {
  /** 1-based line number within the whole input. */
  line: number;
  /** Byte offset of the line's first byte within the whole input. */
  offset: number;
}

export interface SplitOptions {
  maxLineBytes: number;
  keepBytes: number;
  baseOffset?: number;
  firstLine?: number;
  final?: boolean;
}

/**
 * Hands each complete line of `buf` to `onLine` as it is decoded (everything up to the last
 * newline, or all of it when `final`). Blank lines are not records and are left out. Returns
 * how many bytes were consumed, so a caller can hold a partial last line until the rest arrives.
 * A caller that parses line by line keeps one line's text alive at a time, not a chunk's.
 */
export function forEachLine(buf: Buffer, opts: SplitOptions, onLine: (line: SplitLine) => void): { consumed: number; lineCount: number } {
  const base = opts.baseOffset ?? 0;
  let lineNo = opts.firstLine ?? 1;
  let start = 0;
  // One SIMD pass over the whole buffer: when it is valid (nearly always), lines are decoded
  // straight from it, without a view and a check each.
  const valid = isUtf8(buf);
  for (;;) {
    let nl = buf.indexOf(10, start);
    if (nl < 0) {
      if (!opts.final || start >= buf.length) break;
      nl = buf.length;
    }
    if (!isBlank(buf, start, nl)) {
      // Built in place rather than spread from decodeLine's object: this runs once per ingested line.
      const d = (
        valid && nl - start <= opts.maxLineBytes ? { text: stripLine(buf.toString('utf8', start, nl)), byteLength: nl - start } : decodeLine(buf.subarray(start, nl), opts.maxLineBytes, opts.keepBytes)
      ) as SplitLine;
      d.line = lineNo;
      d.offset = base + start;
      onLine(d);
    }
    lineNo++;
    start = nl + 1;
  }
  return { consumed: Math.min(start, buf.length), lineCount: lineNo - (opts.firstLine ?? 1) };
}

/** forEachLine, collected. */
export function splitLines(buf: Buffer, opts: SplitOptions): { lines: SplitLine[]; consumed: number; lineCount: number } {
  const lines: SplitLine[] = [];
  return { lines, ...forEachLine(buf, opts, (l) => lines.push(l)) };
}

/** Whitespace only, or a lone BOM: not a record. */
function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b !== 32 && b !== 9 && b !== 13) return b === 0xef && end - start === 3 && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf;
  }
  return true;
}
