import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallest } from '../../../src/daemon/server/top-n.js';

describe('smallest', () => {
  it('is the first n of the sorted input, in order, for any input and n', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: 0, max: 40 }), (xs, n) => {
        const cmp = (a: number, b: number) => a - b;
        expect(smallest(xs, n, cmp)).toEqual([...xs].sort(cmp).slice(0, n));
      }),
    );
  });
});
