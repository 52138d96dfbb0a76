import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { send, type Channel } from './channel-set.js';
import type { NotifyConfig } from './notify-config.js';
import { OutboxState, type OutboxEntry } from './outbox.js';
import { RateLimiter } from './rate-limit.js';
import { render } from './templates.js';
import { NOTIFY_OUTBOX } from '../collections.js';

/** Entries sent per pass; the next tick (or enqueue) continues, so one pass stays short. */
const MAX_PER_PASS = 200;
const DAY_MS = 86_400_000;

/**
 * Drains the durable outbox: due entries in enqueue order, per-channel rate limits, retries
 * with exponential backoff and jitter, failed after maxAttempts, or at once when the receiver
 * refused the message for good (an SMTP 5xx). Every outcome is committed, so a restart
 * resumes where it stopped (an entry is at worst sent twice, never lost: twice only when the
 * sender died between sending and committing the outcome).
 */
export class Delivery {
  private readonly limiter = new RateLimiter();

  constructor(
    private readonly cfg: NotifyConfig,
    private readonly channels: ReadonlyMap<string, Channel>,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  async pass(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const due = this.store
      .values<OutboxEntry>(NOTIFY_OUTBOX)
      .filter((e) => e.state === OutboxState.Pending && e.nextAttemptAt <= now)
      .sort((a, b) => a.order - b.order)
      .slice(0, MAX_PER_PASS);
    for (const e of due) {
      if (signal?.aborted) return;
      await this.deliver(e);
    }
    await this.prune(now);
  }

  private async deliver(e: OutboxEntry): Promise<void> {
    const ch = this.channels.get(e.channel);
    if (!ch) return this.finish(e, { ok: false, error: `unknown channel "${e.channel}" (configured: ${[...this.channels.keys()].join(', ') || 'none'})` }, true);
    const now = this.clock.now();
    if (!this.limiter.take(ch.name, ch.config.ratePerMinute, now)) return;
    const claimed = await this.claim(e, now);
    if (!claimed) return;
    const msg = render(e, ch.config.lang ?? this.cfg.lang, e.mention ? ch.config.mention : []);
    const outcome = await send(ch, msg, now, this.cfg.timeoutMs);
    if (outcome.warning) this.log.warn('notification sent with a warning', { channel: e.channel, key: e.dedupKey, warning: outcome.warning });
    return this.finish(claimed, outcome, outcome.permanent === true);
  }

  /**
   * Leases the entry before sending: it is not due again until the send has had time to end.
   * In a cluster two members delivering at once (an old leader finishing its pass as the new one
   * starts) both write this entry, and the store refuses the second with `conflict`: only one
   * sends. Only a member dying mid-send leaves a message to be sent again once the lease ends.
   */
  private async claim(e: OutboxEntry, now: number): Promise<OutboxEntry | undefined> {
    const leased: OutboxEntry = { ...e, nextAttemptAt: now + 2 * this.cfg.timeoutMs };
    try {
      await this.store.commit([{ op: 'put', coll: NOTIFY_OUTBOX, id: e.id, value: leased }]);
      return leased;
    } catch (err) {
      if ((err as { code?: string }).code === 'conflict') return undefined;
      throw err;
    }
  }

  private async finish(e: OutboxEntry, outcome: { ok: boolean; error?: string }, permanent: boolean): Promise<void> {
    const now = this.clock.now();
    const attempts = e.attempts + 1;
    let next: OutboxEntry;
    if (outcome.ok) {
      next = { ...e, attempts, state: OutboxState.Sent, sentAt: new Date(now).toISOString() };
      delete next.lastError;
    } else if (permanent || attempts >= this.cfg.maxAttempts) {
      next = { ...e, attempts, state: OutboxState.Failed, lastError: outcome.error ?? 'failed' };
      this.log.error('notification failed for good', { channel: e.channel, key: e.dedupKey, attempts, error: next.lastError });
    } else {
      // Full backoff with jitter in [50 %, 100 %]: retries from many entries do not arrive together.
      const backoff = Math.min(this.cfg.backoffMaxMs, this.cfg.backoffBaseMs * 2 ** (attempts - 1));
      next = { ...e, attempts, lastError: outcome.error ?? 'failed', nextAttemptAt: now + Math.round(backoff * (0.5 + this.random() * 0.5)) };
      this.log.warn('notification will be retried', { channel: e.channel, key: e.dedupKey, attempts, error: next.lastError });
    }
    await this.store.commit([{ op: 'put', coll: NOTIFY_OUTBOX, id: e.id, value: next }]);
  }

  private async prune(now: number): Promise<void> {
    const cutoff = now - this.cfg.retainDays * DAY_MS;
    const old = this.store.values<OutboxEntry>(NOTIFY_OUTBOX).filter((e) => e.state !== OutboxState.Pending && Date.parse(e.createdAt) < cutoff);
    await this.store.commit(old.map((e) => ({ op: 'del', coll: NOTIFY_OUTBOX, id: e.id })));
  }
}
