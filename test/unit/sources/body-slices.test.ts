import { describe, expect, it } from 'vitest';
import { bodySlices } from '../../../src/daemon/sources/body-records.js';
import { jsonArrayElements } from '../../../src/daemon/sources/json-array-elements.js';

const caps = { maxLineBytes: 1 << 20, keepBytes: 1024, sliceRecords: 2 };
const elements = (s: string) => [...jsonArrayElements(Buffer.from(s))].map(({ start, end }) => s.slice(start, end));

describe('jsonArrayElements', () => {
  it('cuts on top-level commas only, past strings, escapes and nesting', () => {
    expect(elements(' [ {"a":"x,]}\\"y"} , [1,[2]] ,"s\\\\",3 ] \n')).toEqual(['{"a":"x,]}\\"y"}', '[1,[2]]', '"s\\\\"', '3']);
    expect(elements('[]')).toEqual([]);
  });

  it('names the byte where an array is not one', () => {
    expect(() => elements('[1,,2]')).toThrow('byte 3: empty array element');
    expect(() => elements('[1] x')).toThrow('byte 4: content after');
    expect(() => elements('[{"a":1]')).toThrow('the array is not closed');
    expect(() => elements('[1}]')).toThrow('byte 2: unbalanced');
    expect(() => elements('{}')).toThrow('byte 0: not a JSON array');
  });
});

describe('bodySlices', () => {
  const slices = (body: Buffer | string) => [...bodySlices(Buffer.from(body), 'w', caps)];

  it('slices NDJSON by lines, keeping line numbers and leaving blank lines out', () => {
    const out = slices('{"a":1}\n\n{"a":2}\n{"a":3}\n{"a":4}\n{"a":5}');
    expect(out.map((s) => s.map((r) => r.origin))).toEqual([['w:1'], ['w:3', 'w:4'], ['w:5', 'w:6']]);
    expect(out[2]![0]!.raw).toBe('{"a":4}');
  });

  it('rejects only the array element holding a bad byte, decoding each element on its own', () => {
    const body = Buffer.concat([Buffer.from('[{"a":1},{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"},{"a":3}]')]);
    const out = slices(body).flat();
    expect(out.map((r) => [r.origin, r.reject?.replace(/ at byte.*/, '')])).toEqual([
      ['w[0]', undefined],
      ['w[1]', 'element invalid UTF-8'],
      ['w[2]', undefined],
    ]);
    expect(out[1]!.rawLength).toBe(10);
  });

  it('keeps a single-line object and a pretty-printed object whole', () => {
    expect(slices('{"a":1}\n')).toEqual([[{ raw: '{"a":1}', origin: 'w' }]]);
    expect(slices('{\n "a": 1\n}')).toEqual([[{ raw: '{\n "a": 1\n}', value: { a: 1 }, origin: 'w' }]]);
  });
});
