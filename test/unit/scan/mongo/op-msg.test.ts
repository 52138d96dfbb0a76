import { describe, expect, it } from 'vitest';
import { encodeBson } from '../../../../src/daemon/scan/mongo/bson-codec.js';
import { decodeOpMsg, encodeOpMsg, MAX_MESSAGE_BYTES, takeFrame } from '../../../../src/daemon/scan/mongo/op-msg.js';
import { WireFault } from '../../../../src/daemon/scan/mongo/wire-error.js';
import { faultOf } from './fault-of.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** A frame built by hand: header, flagBits, then the given section bytes. */
function frame(sections: Buffer, { opCode = 2013, flags = 0, responseTo = 1 } = {}): Buffer {
  const head = Buffer.alloc(20);
  head.writeInt32LE(20 + sections.length, 0);
  head.writeInt32LE(99, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  head.writeUInt32LE(flags, 16);
  return Buffer.concat([head, sections]);
}

describe('OP_MSG framing', () => {
  it('encodes a command as header + flagBits 0 + one body section', () => {
    // {hello: 1} is 16 bytes of BSON; the frame is 16 + 4 + 1 + 16 = 37 bytes.
    expect(encodeOpMsg(7, { hello: 1 }).toString('hex')).toBe(hex(`25000000 07000000 00000000 dd070000  00000000  00  10000000 10 68656c6c6f00 01000000 00`).toString('hex'));
  });

  it('decodes a reply body, skipping a document sequence and a trailing checksum', () => {
    const body = encodeBson({ ok: 1 });
    const sequence = Buffer.concat([Buffer.from([1]), hex('0e000000'), Buffer.from('docs\0'), hex('05000000 00')]);
    const checksum = hex('deadbeef');
    const msg = decodeOpMsg(frame(Buffer.concat([sequence, Buffer.from([0]), body, checksum]), { flags: 1 }));
    expect(msg).toEqual({ requestId: 99, responseTo: 1, body: { ok: 1 } });
  });

  it('takeFrame waits for the announced length, then splits exactly one frame off', () => {
    const a = encodeOpMsg(1, { ok: 1 });
    const both = Buffer.concat([a, encodeOpMsg(2, { ok: 0 })]);
    expect(takeFrame(a.subarray(0, 3))).toBeUndefined();
    expect(takeFrame(a.subarray(0, a.length - 1))).toBeUndefined();
    const first = takeFrame(both)!;
    expect(first.frame).toEqual(a);
    expect(decodeOpMsg(takeFrame(first.rest)!.frame).body).toEqual({ ok: 0 });
  });

  it.each([
    { name: 'length below the 16-byte header', bytes: hex('0f000000 00000000 00000000 dd070000'), fault: WireFault.BadLength },
    { name: 'negative length', bytes: hex('ffffffff'), fault: WireFault.BadLength },
    {
      name: 'length above the cap',
      bytes: (() => {
        const b = Buffer.alloc(4);
        b.writeInt32LE(MAX_MESSAGE_BYTES + 1);
        return b;
      })(),
      fault: WireFault.BadLength,
    },
    // "GET " read as a little-endian length: an HTTP client on the port.
    { name: 'HTTP text', bytes: Buffer.from('GET / HTTP/1.1\r\n'), fault: WireFault.BadLength },
  ])('takeFrame refuses $name before buffering anything', ({ bytes, fault }) => {
    expect(faultOf(() => takeFrame(bytes))).toBe(fault);
  });

  it.each([
    { name: 'OP_REPLY instead of OP_MSG', bytes: frame(Buffer.concat([Buffer.from([0]), encodeBson({ ok: 1 })]), { opCode: 1 }), fault: WireFault.BadOpcode },
    { name: 'no sections at all', bytes: frame(Buffer.alloc(0)), fault: WireFault.Truncated },
    { name: 'only a document sequence', bytes: frame(Buffer.concat([Buffer.from([1]), hex('0e000000'), Buffer.from('docs\0'), hex('05000000 00')])), fault: WireFault.BadSection },
    { name: 'two body sections', bytes: frame(Buffer.concat([Buffer.from([0]), encodeBson({ a: 1 }), Buffer.from([0]), encodeBson({ b: 1 })])), fault: WireFault.BadSection },
    { name: 'unknown section kind', bytes: frame(Buffer.concat([Buffer.from([2]), encodeBson({ a: 1 })])), fault: WireFault.BadSection },
    { name: 'document sequence longer than the frame', bytes: frame(Buffer.concat([Buffer.from([1]), hex('ff000000'), Buffer.from('docs\0')])), fault: WireFault.BadLength },
    { name: 'body longer than the frame', bytes: frame(Buffer.concat([Buffer.from([0]), hex('40000000'), Buffer.alloc(4)])), fault: WireFault.Truncated },
  ])('decodeOpMsg refuses $name', ({ bytes, fault }) => {
    expect(faultOf(() => decodeOpMsg(bytes))).toBe(fault);
  });

  it('a frame whose buffer is not its announced length is refused', () => {
    const f = encodeOpMsg(1, { ok: 1 });
    expect(faultOf(() => decodeOpMsg(Buffer.concat([f, Buffer.from([0])])))).toBe(WireFault.BadLength);
  });
});
