import { describe, expect, it } from 'vitest';
import { RateGate } from '../../../src/daemon/cloud/tencent/rate-gate.js';

describe('RateGate', () => {
  it('spaces calls of one API 1/rate apart and leaves other APIs alone', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const gate = new RateGate(
      20,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
      () => now,
    );
    for (let i = 0; i < 5; i++) await gate.take('cwp:DescribeMalWareList');
    await gate.take('cwp:DescribeBashEvents');
    expect(waits).toEqual([50, 50, 50, 50]);
    now += 1000;
    await gate.take('cwp:DescribeMalWareList');
    expect(waits).toHaveLength(4);
  });
});
