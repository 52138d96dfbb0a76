import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/daemon/scan/rate-limiter.js';

describe('rate limiter', () => {
  it('lets a burst of a tenth of a second through, then holds callers until tokens refill', async () => {
    let now = 0;
    const limiter = new RateLimiter(100, () => now);
    for (let i = 0; i < 10; i++) await limiter.acquire();
    let eleventh = false;
    const pending = limiter.acquire().then(() => (eleventh = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(eleventh).toBe(false);
    now += 10; // one token's worth at 100/s
    await pending;
    expect(eleventh).toBe(true);
  });

  it('gives up waiting when the scan is cancelled', async () => {
    const limiter = new RateLimiter(1, () => 0);
    await limiter.acquire();
    const abort = new AbortController();
    const waiting = limiter.acquire(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow();
  });
});
