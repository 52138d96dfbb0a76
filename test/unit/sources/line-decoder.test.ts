import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLine, firstInvalidUtf8, splitLines, truncateUtf8 } from '../../../src/daemon/sources/line-decoder.js';

const opts = { maxLineBytes: 1024, keepBytes: 64 };

describe('decodeLine', () => {
  it('strips a BOM and a CR', () => {
    expect(decodeLine(Buffer.from('\uFEFF{"a":1}\r'), 100, 10)).toEqual({ text: '{"a":1}', byteLength: 11 });
  });
  it('names the byte where UTF-8 breaks and keeps a lossy copy', () => {
    const d = decodeLine(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 100, 10);
    expect(d.reject).toBe('invalid UTF-8 at byte 2 of the line');
    expect(d.text).toBe('{"\uFFFD"}');
  });
  it('rejects an over-cap line keeping only its head', () => {
    const d = decodeLine(Buffer.alloc(2000, 0x61), 1000, 16);
    expect(d).toEqual({ text: 'a'.repeat(16), byteLength: 2000, reject: 'line is 2000 bytes, over the 1000-byte line cap' });
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid multibyte', Buffer.from('héllo 世界 😀'), -1],
    ['lone continuation', Buffer.from([0x61, 0x80]), 1],
    ['overlong', Buffer.from([0xc0, 0xaf]), 0],
    ['surrogate', Buffer.from([0xed, 0xa0, 0x80]), 0],
    ['truncated sequence', Buffer.from([0x61, 0xe4, 0xb8]), 1],
  ])('%s', (_n, buf, at) => expect(firstInvalidUtf8(buf)).toBe(at));

  it('agrees with the fatal decoder on any bytes', () => {
    const dec = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        let valid = true;
        try {
          dec.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('truncateUtf8', () => {
  it('never splits a character and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 0, max: 60 }), (s, cap) => {
        const t = truncateUtf8(s, cap);
        expect(Buffer.byteLength(t)).toBeLessThanOrEqual(Math.max(cap, 0));
        expect(s.startsWith(t)).toBe(true);
      }),
    );
  });
});

describe('splitLines', () => {
  it('holds a partial last line and skips blank lines', () => {
    const r = splitLines(Buffer.from('{"a":1}\n\n  \n{"b":2}\n{"c":'), opts);
    expect(r.lines.map((l) => [l.line, l.offset, l.text])).toEqual([
      [1, 0, '{"a":1}'],
      [4, 12, '{"b":2}'],
    ]);
    expect(r.consumed).toBe(20);
    expect(r.lineCount).toBe(4);
  });

  it('takes the last line too when final', () => {
    expect(splitLines(Buffer.from('x\ny'), { ...opts, final: true }).lines.map((l) => l.text)).toEqual(['x', 'y']);
  });

  it('yields the same lines however the input is chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z{}":0-9 é]{0,12}$/), { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), (rows, cuts) => {
        const all = Buffer.from(rows.map((r) => r + '\n').join(''));
        const whole = splitLines(all, opts).lines.map((l) => [l.line, l.offset, l.text]);
        const pieces: (string | number)[][] = [];
        let offset = 0;
        let line = 1;
        let i = 0;
        // Feed growing windows the way the file tail re-reads from its last consumed offset.
        while (offset < all.length) {
          const end = Math.min(all.length, offset + cuts[i++ % cuts.length]! * 3);
          const r = splitLines(all.subarray(offset, end), { ...opts, baseOffset: offset, firstLine: line, final: end === all.length });
          pieces.push(...r.lines.map((l) => [l.line, l.offset, l.text]));
          if (r.consumed === 0 && end < all.length) {
            const r2 = splitLines(all.subarray(offset), { ...opts, baseOffset: offset, firstLine: line, final: true });
            pieces.push(...r2.lines.map((l) => [l.line, l.offset, l.text]));
            break;
          }
          offset += r.consumed;
          line += r.lineCount;
        }
        expect(pieces).toEqual(whole);
      }),
    );
  });
});
