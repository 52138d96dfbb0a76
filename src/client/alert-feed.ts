import type { Alert } from '../shared/alert.js';
import type { MethodParams } from '../shared/protocol.js';
import type { SocdeckClient } from './ws-client.js';

export interface FeedHandlers {
  snapshot(alerts: Alert[], total: number): void;
  delta(upserts: Alert[], total: number): void;
  resynced?(reason: string): void;
}

/**
 * Keeps one alert subscription alive: snapshot first, then deltas in sequence. A sequence
 * gap, a reset from the daemon or a reconnect all lead to a fresh snapshot.
 */
export class AlertFeed {
  private subscription: string | undefined;
  private seq = 0;
  private stopped = false;
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly client: SocdeckClient,
    private readonly query: MethodParams<'alerts.subscribe'>,
    private readonly handlers: FeedHandlers,
  ) {
    this.offs.push(
      client.onEvent('alerts.changed', (e) => {
        if (e.subscription !== this.subscription) return;
        if (e.seq !== this.seq + 1) return void this.resync(`sequence gap: expected ${this.seq + 1}, got ${e.seq}`);
        this.seq = e.seq;
        this.handlers.delta(e.upserts, e.total);
      }),
      client.onEvent('subscription.reset', (e) => {
        if (e.subscription === this.subscription) void this.resync(e.reason);
      }),
    );
    const onWelcome = () => void this.resync('connected');
    client.on('welcome', onWelcome);
    this.offs.push(() => client.off('welcome', onWelcome));
  }

  async start(): Promise<void> {
    await this.resync('start');
  }

  private async resync(reason: string): Promise<void> {
    if (this.stopped || this.client.state !== 'connected') return;
    const old = this.subscription;
    this.subscription = undefined;
    if (old) void this.client.request('alerts.unsubscribe', { subscription: old }).catch(() => {});
    const res = await this.client.request('alerts.subscribe', this.query);
    this.subscription = res.subscription;
    this.seq = res.seq;
    this.handlers.snapshot(res.alerts, res.total);
    if (reason !== 'start' && reason !== 'connected') this.handlers.resynced?.(reason);
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.offs) off();
  }
}
