/**
 * Spaces calls of one key (an API of one account) at least 1/rate apart: Tencent Cloud limits
 * requests per second per API, and staying under the limit is cheaper than backing off.
 */
export class RateGate {
  private readonly next = new Map<string, number>();
  private readonly gapMs: number;

  constructor(
    perSecond: number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {
    this.gapMs = 1000 / perSecond;
  }

  async take(key: string, signal?: AbortSignal): Promise<void> {
    const t = this.now();
    const at = Math.max(t, this.next.get(key) ?? 0);
    this.next.set(key, at + this.gapMs);
    if (at > t) await this.sleep(at - t, signal);
  }
}
