import { BSON, Binary, Decimal128, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { WireFault, WireFormatError } from './wire-error.js';

/**
 * BSON through MongoDB's own `bson` package, narrowed to what a scanner reads from `hello`,
 * `buildInfo` and `listDatabases`: ObjectId, binary and Decimal128 come back as raw bytes,
 * timestamps and int64 as bigint; types a reply never carries (DBPointer, symbol, code) are refused.
 */
export type BsonValue = number | bigint | string | boolean | null | Date | Buffer | BsonDoc | BsonValue[];
export interface BsonDoc {
  [key: string]: BsonValue;
}

/** Nesting a reply may use; deeper is an attack on the stack, not a MongoDB answer. */
export const MAX_BSON_DEPTH = 32;

const DECODE: BSON.DeserializeOptions = { useBigInt64: true, promoteValues: true, promoteBuffers: true, bsonRegExp: false, validation: { utf8: true } };

/** One document; key order is kept (the command name must come first). */
export function encodeBson(doc: BsonDoc): Buffer {
  try {
    return Buffer.from(BSON.serialize(doc));
  } catch (err) {
    throw new WireFormatError(WireFault.BadString, 0, `cannot encode: ${(err as Error).message}`);
  }
}

/** bson's classes to the plain values callers use; also where depth and unwanted types are refused. */
function plain(v: unknown, at: number, depth: number): BsonValue {
  if (v === null || v === undefined || v instanceof MinKey || v instanceof MaxKey) return null;
  if (typeof v !== 'object') {
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') return v;
    throw new WireFormatError(WireFault.BadType, at, `value of type ${typeof v}`);
  }
  if (v instanceof Date || Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (v instanceof ObjectId) return Buffer.from(v.id);
  if (v instanceof Binary) return Buffer.from(v.buffer.subarray(0, v.position));
  if (v instanceof Decimal128) return Buffer.from(v.bytes);
  if (v instanceof Timestamp) return BigInt.asUintN(64, (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0));
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  if (depth >= MAX_BSON_DEPTH) throw new WireFormatError(WireFault.TooDeep, at, `documents nested deeper than ${MAX_BSON_DEPTH}`);
  if (Array.isArray(v)) return v.map((x) => plain(x, at, depth + 1));
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
    throw new WireFormatError(WireFault.BadType, at, `element type ${(v as { _bsontype?: string })._bsontype ?? 'unknown'}`);
  }
  const out: BsonDoc = {};
  for (const [k, x] of Object.entries(v)) {
    // Own property even for `__proto__`: a reply names its keys, not our prototypes.
    Object.defineProperty(out, k, { value: plain(x, at, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The document that starts at `at`, which must end by `limit`; its declared length is checked against both. */
export function readDocument(buf: Buffer, at: number, limit = buf.length): { doc: BsonDoc; end: number } {
  if (at + 4 > limit) throw new WireFormatError(WireFault.Truncated, at, `document header needs 4 bytes, ${Math.max(0, limit - at)} left`);
  const len = buf.readInt32LE(at);
  if (len < 5) throw new WireFormatError(WireFault.BadLength, at, `document length ${len}`);
  if (at + len > limit) throw new WireFormatError(WireFault.Truncated, at, `document of ${len} bytes, ${limit - at} left`);
  let raw: unknown;
  try {
    raw = BSON.deserialize(buf.subarray(at, at + len), DECODE);
  } catch (err) {
    // A nesting bomb overflows bson's recursion before our depth check can see it.
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw new WireFormatError(WireFault.TooDeep, at, 'documents nested too deep to decode');
    throw new WireFormatError(WireFault.BadBson, at, (err as Error).message);
  }
  return { doc: plain(raw, at, 0) as BsonDoc, end: at + len };
}

/** Exactly one document, nothing after it. */
export function decodeBson(buf: Buffer): BsonDoc {
  const { doc, end } = readDocument(buf, 0);
  if (end !== buf.length) throw new WireFormatError(WireFault.BadLength, end, `${buf.length - end} bytes after the document`);
  return doc;
}
