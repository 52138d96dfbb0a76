import type { Parsed, ParserSet } from './parsers/registry.js';

/** One record as a source hands it to intake. */
export interface IncomingRecord {
  /** The original bytes as text, kept (bounded) as evidence and for quarantine. */
  raw: string;
  /** Already-parsed JSON, when the source parsed it; otherwise `raw` is parsed. */
  value?: unknown;
  /** Where the record came from, e.g. `file:line`, `webhook:3`, `syslog-udp:127.0.0.1:5514`. */
  origin?: string;
  /** Byte offset of the record in its file, when it came from one. */
  offset?: number;
  /** Set by a source that already knows the record is bad (invalid UTF-8, over the line cap). */
  reject?: string;
  /** Byte length of the original record when `raw` holds only its head. */
  rawLength?: number;
}

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
