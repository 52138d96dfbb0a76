import type { IncomingRecord } from '../intake.js';
import type { Parsed, ParserSet } from './parsers/registry.js';

/**
 * JSON first; a line that is not JSON is offered to the text parsers (Suricata fast.log) before
 * it is called malformed. Never throws: every failure becomes a reject with a reason. An alert
 * that names no customer is the source's `customer` (when it has one): the customer is part of
 * the dedup key, so this must happen before the key is taken, wherever the record is parsed.
 */
export function parseIncoming(rec: IncomingRecord, parsers: ParserSet, format = 'auto', customer?: string): Parsed {
  const out = parseRecord(rec, parsers, format);
  if (customer !== undefined && out.kind === 'alert' && out.fields.customer === undefined) out.fields.customer = customer;
  return out;
}

function parseRecord(rec: IncomingRecord, parsers: ParserSet, format: string): Parsed {
  if (rec.reject) return { kind: 'reject', reason: rec.reject };
  try {
    let value = rec.value;
    if (value === undefined) {
      try {
        value = JSON.parse(rec.raw);
      } catch (err) {
        return parsers.parseText(rec.raw, format) ?? { kind: 'reject', reason: `invalid JSON: ${(err as Error).message}` };
      }
    }
    return parsers.parse(value, format);
  } catch (err) {
    // A pathological record (e.g. nesting deep enough to exhaust the stack) must cost only itself.
    return { kind: 'reject', reason: `record could not be processed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
