import { dedupKey } from './fingerprint.js';
import { decodeLine, forEachLine } from './line-decoder.js';
import type { ParserSet } from './parsers/registry.js';
import { parseIncoming } from './record-parse.js';

export const LineKind = { alert: 0, skip: 1, reject: 2 } as const;

export interface ChunkParseOptions {
  maxLineBytes: number;
  keepBytes: number;
  /** The chunk ends the input: a last line without a newline is a record too. */
  final: boolean;
  format: string;
  /** The source's customer, for alerts that name none. */
  customer?: string;
}

/**
 * The outcome of every non-blank line of a chunk, in columns: positions are relative to the
 * chunk, so a chunk can be parsed before the lines ahead of it are counted, and typed arrays
 * cross to and from a worker thread for the price of a copy, not a per-line clone. An alert is
 * kept as its dedup key and time, all a repeat needs; neither the line's text nor its fields are
 * kept: intake asks for the line (decoded and parsed again from the chunk) only for the few
 * records that become new rows or quarantine entries.
 */
export interface ParsedChunk {
  /** Bytes up to and including the last newline (all of them when `final`). */
  consumed: number;
  /** Lines in those bytes, blank ones included. */
  lineCount: number;
  /** Non-blank lines: the entries of every column below. */
  count: number;
  kinds: Uint8Array;
  /** 0-based line index within the chunk. */
  lineIndex: Uint32Array;
  offset: Uint32Array;
  byteLength: Uint32Array;
  /** The alert lines' dedup keys and times (epoch ms), in order. */
  keys: string[];
  times: Float64Array;
  /** The rejected lines' reasons, in order. */
  reasons: string[];
}

export function parseChunk(bytes: Buffer, o: ChunkParseOptions, parsers: ParserSet): ParsedChunk {
  const cap = countLines(bytes);
  const kinds = new Uint8Array(cap);
  const lineIndex = new Uint32Array(cap);
  const offset = new Uint32Array(cap);
  const byteLength = new Uint32Array(cap);
  const keys: string[] = [];
  const times = new Float64Array(cap);
  const reasons: string[] = [];
  let n = 0;
  const split = forEachLine(bytes, { maxLineBytes: o.maxLineBytes, keepBytes: o.keepBytes, firstLine: 0, final: o.final }, (l) => {
    const out = parseIncoming(l.reject ? { raw: l.text, reject: l.reject } : { raw: l.text }, parsers, o.format, o.customer);
    kinds[n] = LineKind[out.kind];
    if (out.kind === 'alert') {
      times[keys.length] = Date.parse(out.fields.time);
      keys.push(dedupKey(out.fields));
    } else if (out.kind === 'reject') reasons.push(out.reason);
    lineIndex[n] = l.line;
    offset[n] = l.offset;
    byteLength[n] = l.byteLength;
    n++;
  });
  return {
    consumed: split.consumed,
    lineCount: split.lineCount,
    count: n,
    kinds: kinds.slice(0, n),
    lineIndex: lineIndex.slice(0, n),
    offset: offset.slice(0, n),
    byteLength: byteLength.slice(0, n),
    keys,
    times: times.slice(0, keys.length),
    reasons,
  };
}

/** Newlines plus one: an upper bound on the chunk's records, found at memchr speed. */
function countLines(bytes: Buffer): number {
  let n = 1;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}

/** What a walk over a parsed chunk is told, line by line (`i` is the line's entry in the columns). */
export interface ChunkVisitor {
  alert(key: string, time: number, i: number): void;
  skip(i: number): void;
  reject(reason: string, i: number): void;
}

/** Visits every non-blank line in order, allocating nothing per line; the columns' layout stays this module's business. */
export function visitChunk(p: ParsedChunk, v: ChunkVisitor): void {
  let alert = 0;
  let reason = 0;
  for (let i = 0; i < p.count; i++) {
    const kind = p.kinds[i];
    if (kind === LineKind.alert) {
      v.alert(p.keys[alert]!, p.times[alert]!, i);
      alert++;
    } else if (kind === LineKind.skip) v.skip(i);
    else v.reject(p.reasons[reason++]!, i);
  }
}

/** Line `i`'s text and rejection (invalid UTF-8, over the cap), decoded again from the chunk's bytes. */
export function lineAt(bytes: Buffer, p: ParsedChunk, i: number, o: Pick<ChunkParseOptions, 'maxLineBytes' | 'keepBytes'>) {
  const start = p.offset[i]!;
  return decodeLine(bytes.subarray(start, start + p.byteLength[i]!), o.maxLineBytes, o.keepBytes);
}
