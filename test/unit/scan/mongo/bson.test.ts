import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBson, encodeBson, type BsonDoc } from '../../../../src/daemon/scan/mongo/bson-codec.js';
import { WireFault, WireFormatError } from '../../../../src/daemon/scan/mongo/wire-error.js';
import { faultOf } from './fault-of.js';

/** Hex with spaces for readability: the vectors below are written by hand from the BSON spec. */
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('BSON encoder', () => {
  it.each<{ doc: BsonDoc; bytes: string }>([
    // int32 element: 0x10, "hello\0", 1; document length 16.
    { doc: { hello: 1 }, bytes: '10000000 10 68656c6c6f00 01000000 00' },
    // string element: 0x02, "a\0", length 2 (with NUL), "b\0".
    { doc: { a: 'b' }, bytes: '0e000000 02 6100 02000000 6200 00' },
    { doc: { t: true, n: null }, bytes: '0c000000 08 7400 01 0a 6e00 00' },
    { doc: { d: 1.5 }, bytes: '10000000 01 6400 000000000000f83f 00' },
    { doc: { l: 42n }, bytes: '10000000 12 6c00 2a00000000000000 00' },
    // array: a document keyed "0", "1".
    { doc: { a: [5, 'x'] }, bytes: '1d000000 04 6100 15000000 10 3000 05000000 02 3100 02000000 7800 00 00' },
  ])('$bytes', ({ doc, bytes }) => {
    expect(encodeBson(doc).toString('hex')).toBe(hex(bytes).toString('hex'));
  });

  it('keeps key order (the command name must be first) and refuses a NUL in a key', () => {
    expect(Object.keys(decodeBson(encodeBson({ listDatabases: 1, nameOnly: true, $db: 'admin' })))).toEqual(['listDatabases', 'nameOnly', '$db']);
    expect(faultOf(() => encodeBson({ 'a\0b': 1 }))).toBe(WireFault.BadString);
  });
});

describe('BSON decoder', () => {
  it('reads the types a hello / buildInfo / listDatabases reply carries', () => {
    const doc = decodeBson(
      hex(`
        7a000000
        01 6f6b00 000000000000f03f
        10 6d61785769726556657273696f6e00 15000000
        07 6f696400 650a1b2c3d4e5f6071829304
        09 6c6f63616c54696d6500 e803000000000000
        12 6300 ffffffffffffffff
        11 747300 0100000002000000
        04 646200 16000000 03 3000 0e000000 02 6e00 02000000 6100 00 00
        00`),
    );
    expect(doc).toEqual({
      ok: 1,
      maxWireVersion: 21,
      oid: hex('650a1b2c3d4e5f6071829304'),
      localTime: new Date(1000),
      c: -1n,
      ts: (2n << 32n) | 1n,
      db: [{ n: 'a' }],
    });
  });

  it('keeps __proto__ as a plain key instead of touching the prototype', () => {
    const doc = decodeBson(encodeBson(JSON.parse('{"__proto__": {"polluted": 1}}') as BsonDoc));
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    { name: 'shorter than a document header', bytes: '0400', fault: WireFault.Truncated },
    { name: 'declared length below the minimum', bytes: '04000000', fault: WireFault.BadLength },
    { name: 'declared length past the buffer', bytes: '10000000 00', fault: WireFault.Truncated },
    { name: 'negative declared length', bytes: 'ffffffff 00', fault: WireFault.BadLength },
    { name: 'no terminating NUL', bytes: '05000000 01', fault: WireFault.BadBson },
    { name: 'bytes after the document', bytes: '05000000 00 00', fault: WireFault.BadLength },
    { name: 'element name runs off the end', bytes: '08000000 10 616200', fault: WireFault.BadBson },
    { name: 'int32 value cut short', bytes: '0a000000 10 6100 0100 00', fault: WireFault.BadBson },
    { name: 'string length zero', bytes: '0e000000 02 6100 00000000 6200 00', fault: WireFault.BadBson },
    { name: 'string length negative', bytes: '0e000000 02 6100 feffffff 6200 00', fault: WireFault.BadBson },
    { name: 'string length past the document', bytes: '0e000000 02 6100 ff000000 6200 00', fault: WireFault.BadBson },
    { name: 'string without its NUL', bytes: '0e000000 02 6100 02000000 6262 00', fault: WireFault.BadBson },
    { name: 'nested document longer than its parent', bytes: '0c000000 03 6100 40000000 00 00', fault: WireFault.BadBson },
    { name: 'binary length negative', bytes: '0d000000 05 6100 ffffffff 00 00', fault: WireFault.BadBson },
    // bson decodes it to a Code object, which no reply carries: refused after decoding.
    { name: 'JavaScript code', bytes: '0e000000 0d 6100 02000000 6200 00', fault: WireFault.BadType },
    { name: 'DBPointer (a type no reply carries)', bytes: '08000000 0c 6100 00', fault: WireFault.BadBson },
  ])('malformed: $name → $fault', ({ bytes, fault }) => {
    expect(faultOf(() => decodeBson(hex(bytes)))).toBe(fault);
  });

  it('refuses nesting deeper than a reply needs instead of recursing without bound', () => {
    let doc: BsonDoc = { x: 1 };
    for (let i = 0; i < 40; i++) doc = { d: doc };
    expect(faultOf(() => decodeBson(encodeBson(doc)))).toBe(WireFault.TooDeep);
  });

  it('refuses a 100,000-deep nesting bomb without crashing, whatever recursion gives out first', () => {
    const depth = 100_000;
    // Each level: length, type 0x03, key "d\0" (7 bytes) before its child, one NUL after it.
    const buf = Buffer.alloc(depth * 8 + 5);
    for (let k = 0; k < depth; k++) {
      buf.writeInt32LE(5 + 8 * (depth - k), k * 7);
      buf.write('\x03d\x00', k * 7 + 4, 'latin1');
    }
    buf.writeInt32LE(5, depth * 7);
    expect(faultOf(() => decodeBson(buf))).toBe(WireFault.TooDeep);
  });

  it('keeps the reason the bson package gives', () => {
    expect(() => decodeBson(hex('0e000000 02 6100 02000000 6262 00'))).toThrow(/^MongoDB wire format: .+ at byte 0$/);
  });

  it('round-trips what it encodes', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      ),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(
          fc.string({ unit: 'grapheme-ascii' }).filter((k) => !k.includes('\0') && k !== '__proto__'),
          tie('node'),
          { maxKeys: 3 },
        ),
      ),
    }));
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ unit: 'grapheme-ascii' }).filter((k) => !k.includes('\0') && k !== '__proto__'),
          value.node,
          { maxKeys: 4 },
        ),
        (doc) => {
          expect(decodeBson(encodeBson(doc as BsonDoc))).toEqual(doc);
        },
      ),
    );
  });

  it('random bytes either decode or throw a WireFormatError, never anything else', () => {
    const withHeader = fc.uint8Array({ maxLength: 64 }).map((b) => {
      const buf = Buffer.alloc(b.length + 4);
      buf.writeInt32LE(b.length + 4);
      Buffer.from(b).copy(buf, 4);
      return buf;
    });
    fc.assert(
      fc.property(
        fc.oneof(
          withHeader,
          fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
        ),
        (buf) => {
          try {
            decodeBson(buf);
          } catch (err) {
            expect(err).toBeInstanceOf(WireFormatError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
