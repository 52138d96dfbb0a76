import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Token bucket for connection attempts per second. A burst of up to one tenth of a second's
 * worth passes at once; beyond that callers wait. Waiting is by sleeping, never spinning.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly burst: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.burst = Math.max(1, perSecond / 10);
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Takes a token if one is there; the hot path of a scan, so it allocates nothing. */
  tryTake(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.perSecond) / 1000);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Resolves when one attempt may go out; rejects with the abort reason if cancelled while waiting. */
  async acquire(signal?: AbortSignal): Promise<void> {
    while (!this.tryTake()) {
      await sleep(Math.max(1, ((1 - this.tokens) * 1000) / this.perSecond), undefined, signal ? { signal } : undefined);
    }
  }
}
