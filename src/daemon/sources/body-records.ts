import { decodeLine, splitLines } from './line-decoder.js';
import { jsonArrayElements } from './json-array-elements.js';
import type { IncomingRecord } from '../intake.js';

export interface BodyCaps {
  maxLineBytes: number;
  keepBytes: number;
  /** Records per slice: each slice is parsed and committed on its own, the event loop turning between. */
  sliceRecords: number;
  /** Every body is raw log lines (a `detect: sigma` source whose decoder reads text), never JSON documents. */
  lines?: boolean;
}

/** The first byte that is not JSON whitespace, or -1. */
function firstByte(body: Buffer): number {
  for (const b of body) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return -1;
}

/** `{` alone on the first line: a pretty-printed object, one document however many lines it spans. */
function prettyObject(body: Buffer): boolean {
  const nl = body.indexOf(10);
  return nl >= 0 && body.subarray(0, nl).toString('latin1').trim() === '{';
}

/** Nothing but whitespace after the first newline: a body of one line. */
function oneLine(body: Buffer): boolean {
  const nl = body.indexOf(10);
  return nl < 0 || body.subarray(nl).toString('latin1').trim() === '';
}

/**
 * Splits an HTTP body into records, a slice at a time: one JSON object, a JSON array of
 * objects, or NDJSON. Lines and array elements are cut on bytes before anything is decoded, so
 * one bad byte rejects its own record and no other. A body that is one broken JSON document
 * becomes one bad record (quarantined with the parser's message) rather than a guess at where
 * records start. Records are parsed later by intake, slice by slice. A body of raw log lines
 * (`caps.lines`) is always cut at newlines: a line that happens to open with `[` or `{` (an
 * Apache error log, a stray brace) must not turn the whole body into one broken JSON document.
 */
export function* bodySlices(body: Buffer, origin: string, caps: BodyCaps): Generator<IncomingRecord[]> {
  if (caps.lines) return yield* ndjsonSlices(body, origin, caps);
  const first = firstByte(body);
  if (first === 0x5b) return yield* arraySlices(body, origin, caps);
  if (first === 0x7b && (oneLine(body) || prettyObject(body))) {
    const whole = decodeLine(body, Number.MAX_SAFE_INTEGER, caps.keepBytes);
    if (whole.reject) return yield [{ raw: whole.text, rawLength: body.length, rawBytes: body, reject: `body: ${whole.reject.replace(' of the line', '')}`, origin }];
    const text = whole.text.trim();
    if (!text.includes('\n')) return yield [{ raw: text, origin }];
    try {
      return yield [{ raw: text, value: JSON.parse(text), origin }];
    } catch {
      // Not one pretty-printed object after all: NDJSON whose first line is a lone brace.
    }
  }
  yield* ndjsonSlices(body, origin, caps);
}

function* ndjsonSlices(body: Buffer, origin: string, caps: BodyCaps): Generator<IncomingRecord[]> {
  let start = 0;
  let firstLine = 1;
  while (start < body.length) {
    let end = start;
    for (let k = 0; k < caps.sliceRecords && end < body.length; k++) {
      const nl = body.indexOf(10, end);
      end = nl < 0 ? body.length : nl + 1;
    }
    const cut = splitLines(body.subarray(start, end), { maxLineBytes: caps.maxLineBytes, keepBytes: caps.keepBytes, final: true, firstLine, baseOffset: start });
    firstLine += cut.lineCount;
    start = end;
    if (cut.lines.length > 0)
      yield cut.lines.map((l) => ({
        raw: l.text,
        origin: `${origin}:${l.line}`,
        ...(l.reject ? { reject: l.reject, rawLength: l.byteLength, rawBytes: body.subarray(l.offset, l.offset + l.byteLength) } : {}),
      }));
  }
}

/**
 * A body cut off or malformed after some good elements keeps them: the rest, from the end of the
 * last good element, is one more rejected record at the next index.
 */
function* arraySlices(body: Buffer, origin: string, caps: BodyCaps): Generator<IncomingRecord[]> {
  let slice: IncomingRecord[] = [];
  let index = 0;
  let lastEnd = 0;
  try {
    for (const { start, end } of jsonArrayElements(body)) {
      const d = decodeLine(body.subarray(start, end), Number.MAX_SAFE_INTEGER, caps.keepBytes);
      const at = `${origin}[${index++}]`;
      lastEnd = end;
      slice.push(
        d.reject ? { raw: d.text, rawLength: d.byteLength, rawBytes: body.subarray(start, end), reject: `element ${d.reject.replace(' of the line', '')}`, origin: at } : { raw: d.text, origin: at },
      );
      if (slice.length >= caps.sliceRecords) {
        yield slice;
        slice = [];
      }
    }
  } catch (err) {
    const rest = decodeLine(body.subarray(lastEnd), Number.MAX_SAFE_INTEGER, caps.keepBytes);
    const reason = rest.reject ? `body: ${rest.reject.replace(' of the line', '')}` : `invalid JSON array: ${(err as Error).message}`;
    slice.push({ raw: rest.text, rawLength: body.length - lastEnd, rawBytes: body.subarray(lastEnd), reject: reason, origin: index === 0 ? origin : `${origin}[${index}]` });
  }
  if (slice.length > 0) yield slice;
}
