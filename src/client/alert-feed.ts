import type { Alert } from '../shared/alert.js';
import type { ClockFacts } from '../shared/alert-order.js';
import type { EventParams, MethodParams, QueueCounts } from '../shared/protocol.js';
import type { SocdeckClient } from './ws-client.js';

export type FeedQuery = NonNullable<MethodParams<'alerts.subscribe'>>;

export interface FeedHandlers {
  /** A fresh view: these rows (and the SLA clocks they were chosen by) replace whatever the client held. */
  snapshot(alerts: Alert[], counts: QueueCounts, clocks: Record<string, ClockFacts>): void;
  delta(upserts: Alert[], removed: string[], counts: QueueCounts, clocks: Record<string, ClockFacts>): void;
  resynced?(reason: string): void;
  /** The daemon refused the subscription (e.g. a filter that does not parse, with its column) or could not be asked. */
  failed?(err: unknown): void;
}

/**
 * Keeps one alert subscription alive: snapshot first, then deltas in sequence. A sequence
 * gap, a reset from the daemon, a reconnect or a new query all lead to a fresh snapshot.
 */
export class AlertFeed {
  private subscription: string | undefined;
  private seq = 0;
  private stopped = false;
  /** Bumped by every resync, so an answer to an older one (the filter changed meanwhile) is dropped. */
  private generation = 0;
  /** Deltas that arrived before the answer naming their subscription (both can come in one read). */
  private early: EventParams<'alerts.changed'>[] = [];
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly client: SocdeckClient,
    private query: FeedQuery,
    private readonly handlers: FeedHandlers,
  ) {
    this.offs.push(
      client.onEvent('alerts.changed', (e) => {
        if (e.subscription === this.subscription) this.onDelta(e);
        else if (this.subscription === undefined && this.early.length < 100) this.early.push(e);
      }),
      client.onEvent('subscription.reset', (e) => {
        if (e.subscription === this.subscription) void this.resync(e.reason);
      }),
    );
    const onWelcome = () => void this.resync('connected');
    client.on('welcome', onWelcome);
    this.offs.push(() => client.off('welcome', onWelcome));
  }

  get currentQuery(): FeedQuery {
    return this.query;
  }

  async start(): Promise<void> {
    await this.resync('start');
  }

  /** Subscribes again with a new query (the analyst changed the filter); the snapshot replaces the rows. */
  async setQuery(query: FeedQuery): Promise<void> {
    this.query = query;
    await this.resync('query');
  }

  private onDelta(e: EventParams<'alerts.changed'>): void {
    if (e.seq !== this.seq + 1) return void this.resync(`sequence gap: expected ${this.seq + 1}, got ${e.seq}`);
    this.seq = e.seq;
    this.handlers.delta(e.upserts, e.removed, e, e.clocks);
  }

  private async resync(reason: string): Promise<void> {
    if (this.stopped || this.client.state !== 'connected') return;
    const generation = ++this.generation;
    const old = this.subscription;
    this.subscription = undefined;
    this.early = [];
    if (old) void this.client.request('alerts.unsubscribe', { subscription: old }).catch(() => {});
    let res;
    try {
      res = await this.client.request('alerts.subscribe', this.query);
    } catch (err) {
      if (generation === this.generation) this.handlers.failed?.(err);
      return;
    }
    if (generation !== this.generation || this.stopped) {
      void this.client.request('alerts.unsubscribe', { subscription: res.subscription }).catch(() => {});
      return;
    }
    this.subscription = res.subscription;
    this.seq = res.seq;
    this.handlers.snapshot(res.alerts, res, res.clocks);
    const early = this.early.filter((e) => e.subscription === res.subscription);
    this.early = [];
    for (const e of early) this.onDelta(e);
    if (reason !== 'start' && reason !== 'connected' && reason !== 'query') this.handlers.resynced?.(reason);
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.offs) off();
    if (this.subscription) void this.client.request('alerts.unsubscribe', { subscription: this.subscription }).catch(() => {});
  }
}
