import { decodeLine, splitLines } from './line-decoder.js';
import type { IncomingRecord } from '../intake.js';

/**
 * Splits an HTTP body into records: one JSON object, a JSON array of objects, or NDJSON.
 * A body that is one broken JSON document becomes one bad record (quarantined with the parser's
 * message) rather than a guess at where records start.
 */
export function bodyRecords(body: Buffer, origin: string, maxLineBytes: number, keepBytes: number): IncomingRecord[] {
  const whole = decodeLine(body, Number.MAX_SAFE_INTEGER, keepBytes);
  if (whole.reject) return [{ raw: whole.text.slice(0, keepBytes), rawLength: body.length, reject: `body: ${whole.reject.replace(' of the line', '')}`, origin }];
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
  return splitLines(body, { maxLineBytes, keepBytes, final: true }).lines.map((l) => ({
    raw: l.text,
    origin: `${origin}:${l.line}`,
    ...(l.reject ? { reject: l.reject, rawLength: l.byteLength } : {}),
  }));
}
