import { AlertFeed, type FeedQuery } from '../client/alert-feed.js';
import type { SocdeckClient } from '../client/ws-client.js';
import type { QueueCounts } from '../shared/protocol.js';
import { loadSlaOrder, SLA_ORDER_POLL_MS } from './sla-order-sync.js';
import { describeFailure } from './triage-actions.js';
import type { ViewStore } from './view-store.js';

/**
 * How long a filter being typed must stay unchanged before the daemon is asked for a snapshot
 * under it. Typing narrows the rows already held at once; the daemon's answer (which can bring
 * rows this client did not hold) comes once the analyst pauses or presses enter, not for every
 * keystroke.
 */
export const RESUBSCRIBE_DEBOUNCE_MS = 150;

export interface QueueFeed {
  /** Subscribes (again) now: first attach, `r`, after a suppression rule was added. */
  resync(): Promise<void>;
  stop(): void;
}

const queryFor = (filter: string): FeedQuery => (filter ? { filter } : {});

/**
 * The TUI's alert subscription: follows the store's filter and feeds snapshots and deltas into
 * the store. Their rows come with the SLA clocks the daemon ordered them by; the clocks are
 * fetched again every SLA_ORDER_POLL_MS, as a clock also moves when it pauses, resumes or breaches.
 */
export function followQueue(store: ViewStore, client: SocdeckClient, debounceMs = RESUBSCRIBE_DEBOUNCE_MS): QueueFeed {
  const filterText = () => store.getState().filter?.text ?? '';
  // Until the daemon answers a changed filter, its counts are for the old one: keep `matched` unknown.
  const current = (counts: QueueCounts): Partial<QueueCounts> => ((feed.currentQuery.filter ?? '') === filterText() ? counts : { ...counts, matched: undefined });
  const syncOrder = () =>
    loadSlaOrder({ store, daemon: client }).catch((err: unknown) =>
      store.update({ message: { text: `cannot load SLA clocks for the queue order: ${describeFailure(err, store.now())}`, level: 'error' } }),
    );
  const feed: AlertFeed = new AlertFeed(client, queryFor(filterText()), {
    snapshot: (alerts, counts, clocks) => store.setSnapshot(alerts, current(counts), clocks),
    delta: (upserts, removed, counts, clocks) => store.applyDelta(upserts, removed, current(counts), clocks),
    failed: (err) => store.update({ message: { text: `cannot subscribe to the queue: ${describeFailure(err, store.now())}`, level: 'error' } }),
  });
  let timer: NodeJS.Timeout | undefined;
  const subscribe = (text: string) => {
    clearTimeout(timer);
    timer = undefined;
    void feed.setQuery(queryFor(text));
  };
  const off = store.onFilterChange((text, typing) => {
    if (typing) {
      clearTimeout(timer);
      timer = setTimeout(() => subscribe(text), debounceMs);
    } else if (timer !== undefined || (feed.currentQuery.filter ?? '') !== text) {
      // Committed (enter) or set in one go (`:filter NAME`, clear): no reason to wait.
      subscribe(text);
    }
  });
  const slaPoll = setInterval(() => client.state === 'connected' && void syncOrder(), SLA_ORDER_POLL_MS);
  return {
    resync: () => feed.setQuery(queryFor(filterText())),
    stop() {
      clearTimeout(timer);
      clearInterval(slaPoll);
      off();
      feed.stop();
    },
  };
}
