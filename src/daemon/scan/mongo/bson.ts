import { WireFault, WireFormatError } from './wire-error.js';

/**
 * The slice of BSON a scanner needs: enough to send a command and to read what `hello`,
 * `buildInfo` and `listDatabases` answer. Decimal128, ObjectId and binary come back as raw
 * bytes; types a reply never carries (DBPointer, symbol, code with scope) are refused.
 */
export type BsonValue = number | bigint | string | boolean | null | Date | Buffer | BsonDoc | BsonValue[];
export interface BsonDoc {
  [key: string]: BsonValue;
}

/** Nesting a reply may use; deeper is an attack on the stack, not a MongoDB answer. */
const MAX_DEPTH = 32;

const T = {
  double: 0x01,
  string: 0x02,
  document: 0x03,
  array: 0x04,
  binary: 0x05,
  undefined: 0x06,
  objectId: 0x07,
  boolean: 0x08,
  datetime: 0x09,
  null: 0x0a,
  regex: 0x0b,
  code: 0x0d,
  int32: 0x10,
  timestamp: 0x11,
  int64: 0x12,
  decimal128: 0x13,
  minKey: 0xff,
  maxKey: 0x7f,
} as const;

const fail = (fault: WireFault, at: number, reason: string): never => {
  throw new WireFormatError(fault, at, reason);
};

function cstring(s: string, at: number): Buffer {
  if (s.includes('\0')) fail(WireFault.BadString, at, `key ${JSON.stringify(s.slice(0, 40))} contains NUL`);
  return Buffer.from(`${s}\0`, 'utf8');
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
}

function element(key: string, v: BsonValue): Buffer {
  const head = (type: number) => Buffer.concat([Buffer.from([type]), cstring(key, 0)]);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) return Buffer.concat([head(T.int32), int32(v)]);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    return Buffer.concat([head(T.double), b]);
  }
  if (typeof v === 'bigint') {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(v);
    return Buffer.concat([head(T.int64), b]);
  }
  if (typeof v === 'string') {
    const s = Buffer.from(v, 'utf8');
    return Buffer.concat([head(T.string), int32(s.length + 1), s, Buffer.from([0])]);
  }
  if (typeof v === 'boolean') return Buffer.concat([head(T.boolean), Buffer.from([v ? 1 : 0])]);
  if (v === null) return head(T.null);
  if (v instanceof Date) {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(v.getTime()));
    return Buffer.concat([head(T.datetime), b]);
  }
  if (Buffer.isBuffer(v)) return Buffer.concat([head(T.binary), int32(v.length), Buffer.from([0]), v]);
  if (Array.isArray(v)) return Buffer.concat([head(T.array), encodeBson(Object.fromEntries(v.map((x, i) => [String(i), x])))]);
  return Buffer.concat([head(T.document), encodeBson(v)]);
}

/** One document; key order is kept (the command name must come first). */
export function encodeBson(doc: BsonDoc): Buffer {
  const body = Buffer.concat(Object.entries(doc).map(([k, v]) => element(k, v)));
  return Buffer.concat([int32(body.length + 5), body, Buffer.from([0])]);
}

function readCstring(buf: Buffer, at: number, limit: number): { s: string; end: number } {
  const nul = buf.indexOf(0, at);
  if (nul < 0 || nul >= limit) fail(WireFault.BadString, at, 'unterminated name');
  return { s: buf.toString('utf8', at, nul), end: nul + 1 };
}

function need(at: number, n: number, limit: number): void {
  if (n < 0 || at + n > limit) fail(WireFault.Truncated, at, `value needs ${n} bytes, ${Math.max(0, limit - at)} left`);
}

function readValue(buf: Buffer, type: number, at: number, limit: number, depth: number): { v: BsonValue; end: number } {
  const fixed = (n: number, read: () => BsonValue) => {
    need(at, n, limit);
    return { v: read(), end: at + n };
  };
  switch (type) {
    case T.double:
      return fixed(8, () => buf.readDoubleLE(at));
    case T.string:
    case T.code: {
      need(at, 4, limit);
      const n = buf.readInt32LE(at);
      if (n < 1) fail(WireFault.BadLength, at, `string length ${n}`);
      need(at + 4, n, limit);
      if (buf[at + 4 + n - 1] !== 0) fail(WireFault.BadString, at, 'string not NUL-terminated');
      return { v: buf.toString('utf8', at + 4, at + 4 + n - 1), end: at + 4 + n };
    }
    case T.document:
    case T.array: {
      const { doc, end } = readDocument(buf, at, limit, depth + 1);
      return { v: type === T.array ? Object.values(doc) : doc, end };
    }
    case T.binary: {
      need(at, 5, limit);
      const n = buf.readInt32LE(at);
      if (n < 0) fail(WireFault.BadLength, at, `binary length ${n}`);
      need(at + 5, n, limit);
      return { v: Buffer.from(buf.subarray(at + 5, at + 5 + n)), end: at + 5 + n };
    }
    case T.objectId:
      return fixed(12, () => Buffer.from(buf.subarray(at, at + 12)));
    case T.boolean:
      return fixed(1, () => buf[at] !== 0);
    case T.datetime:
      return fixed(8, () => new Date(Number(buf.readBigInt64LE(at))));
    case T.undefined:
    case T.null:
    case T.minKey:
    case T.maxKey:
      return { v: null, end: at };
    case T.regex: {
      const pattern = readCstring(buf, at, limit);
      const flags = readCstring(buf, pattern.end, limit);
      return { v: `/${pattern.s}/${flags.s}`, end: flags.end };
    }
    case T.int32:
      return fixed(4, () => buf.readInt32LE(at));
    case T.timestamp:
      return fixed(8, () => buf.readBigUInt64LE(at));
    case T.int64:
      return fixed(8, () => buf.readBigInt64LE(at));
    case T.decimal128:
      return fixed(16, () => Buffer.from(buf.subarray(at, at + 16)));
    default:
      return fail(WireFault.BadType, at - 1, `element type 0x${type.toString(16)}`);
  }
}

/** The document that starts at `at`, which must end by `limit`; its declared length is checked against both. */
export function readDocument(buf: Buffer, at: number, limit = buf.length, depth = 0): { doc: BsonDoc; end: number } {
  if (depth > MAX_DEPTH) fail(WireFault.TooDeep, at, `documents nested deeper than ${MAX_DEPTH}`);
  need(at, 4, limit);
  const len = buf.readInt32LE(at);
  if (len < 5) fail(WireFault.BadLength, at, `document length ${len}`);
  need(at, len, limit);
  const end = at + len;
  if (buf[end - 1] !== 0) fail(WireFault.BadLength, end - 1, 'document not NUL-terminated');
  const doc: BsonDoc = {};
  let p = at + 4;
  while (p < end - 1) {
    const type = buf[p]!;
    const key = readCstring(buf, p + 1, end - 1);
    const { v, end: next } = readValue(buf, type, key.end, end - 1, depth);
    // Own property even for `__proto__`: a reply names its keys, not our prototypes.
    Object.defineProperty(doc, key.s, { value: v, enumerable: true, writable: true, configurable: true });
    p = next;
  }
  return { doc, end };
}

/** Exactly one document, nothing after it. */
export function decodeBson(buf: Buffer): BsonDoc {
  const { doc, end } = readDocument(buf, 0);
  if (end !== buf.length) fail(WireFault.BadLength, end, `${buf.length - end} bytes after the document`);
  return doc;
}
