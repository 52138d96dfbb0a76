import { decodeLine, splitLines } from './line-decoder.js';
import type { IncomingRecord } from '../intake.js';

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

/**
 * Splits an HTTP body into records: one JSON object, a JSON array of objects, or NDJSON.
 * NDJSON is split into lines before anything is decoded, so one bad byte rejects its own line
 * and no other. A body that is one broken JSON document becomes one bad record (quarantined
 * with the parser's message) rather than a guess at where records start.
 */
export function bodyRecords(body: Buffer, origin: string, maxLineBytes: number, keepBytes: number): IncomingRecord[] {
  const first = firstByte(body);
  const oneDocument = first === 0x5b || (first === 0x7b && prettyObject(body));
  const whole = decodeLine(body, Number.MAX_SAFE_INTEGER, keepBytes);
  if (whole.reject && oneDocument) return [{ raw: whole.text.slice(0, keepBytes), rawLength: body.length, reject: `body: ${whole.reject.replace(' of the line', '')}`, origin }];
  if (whole.reject) return ndjson(body, origin, maxLineBytes, keepBytes);
  const text = whole.text.trim();
  if (text.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(text);
    } catch (err) {
      return [{ raw: text, origin, reject: `invalid JSON array: ${(err as Error).message}` }];
    }
    return (arr as unknown[]).map((value, i) => {
      const at = `${origin}[${i}]`;
      try {
        return { raw: JSON.stringify(value) ?? 'null', value, origin: at };
      } catch (err) {
        return { raw: '', origin: at, reject: `element could not be serialised: ${(err as Error).message}` };
      }
    });
  }
  if (text.startsWith('{') && !text.includes('\n')) return [{ raw: text, origin }];
  if (text.startsWith('{')) {
    // A pretty-printed single object spans lines; NDJSON has one object per line.
    try {
      return [{ raw: text, value: JSON.parse(text), origin }];
    } catch {
      // fall through to NDJSON
    }
  }
  return ndjson(body, origin, maxLineBytes, keepBytes);
}

function ndjson(body: Buffer, origin: string, maxLineBytes: number, keepBytes: number): IncomingRecord[] {
  return splitLines(body, { maxLineBytes, keepBytes, final: true }).lines.map((l) => ({
    raw: l.text,
    origin: `${origin}:${l.line}`,
    ...(l.reject ? { reject: l.reject, rawLength: l.byteLength } : {}),
  }));
}
