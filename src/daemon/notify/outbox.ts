import { createHash } from 'node:crypto';
import type { Store, StoreOp } from '../store/store.js';
import { NOTIFY_OUTBOX } from '../collections.js';

export const NotifyTemplate = { SlaEscalation: 'sla.escalation', SlaBreach: 'sla.breach', Test: 'test' } as const;
export type NotifyTemplate = (typeof NotifyTemplate)[keyof typeof NotifyTemplate];

/**
 * What a publisher asks for. Publishers put the outbox entry in the same store commit as the
 * state change that caused it (so neither survives a crash without the other), then emit
 * `notify.enqueued` on the bus so delivery starts at once.
 */
export interface NotifyRequest {
  channel: string;
  /** One message per (channel, dedupKey), ever: re-enqueueing the same key is a no-op. */
  dedupKey: string;
  template: NotifyTemplate;
  vars: Record<string, string | number>;
  /** Mention the channel's on-call people. */
  mention: boolean;
}

export const OutboxState = { Pending: 'pending', Sent: 'sent', Failed: 'failed' } as const;
export type OutboxState = (typeof OutboxState)[keyof typeof OutboxState];

export interface OutboxEntry extends NotifyRequest {
  id: string;
  state: OutboxState;
  attempts: number;
  createdAt: string;
  /** Delivery order: enqueue time in µs plus the position within the batch. */
  order: number;
  nextAttemptAt: number;
  lastError?: string;
  sentAt?: string;
}

export function outboxId(channel: string, dedupKey: string): string {
  return createHash('sha256').update(`${channel}\n${dedupKey}`).digest('hex').slice(0, 24);
}

/** Store ops that enqueue the requests not enqueued before, and their ids. */
export function enqueueOps(store: Store, requests: readonly NotifyRequest[], now: number, pending: ReadonlySet<string> = new Set()): { ops: StoreOp[]; ids: string[] } {
  const ops: StoreOp[] = [];
  const ids: string[] = [];
  requests.forEach((r, i) => {
    const id = outboxId(r.channel, r.dedupKey);
    if (pending.has(id) || ids.includes(id) || store.get(NOTIFY_OUTBOX, id)) return;
    const entry: OutboxEntry = { ...r, id, state: OutboxState.Pending, attempts: 0, createdAt: new Date(now).toISOString(), order: now * 1000 + Math.min(i, 999), nextAttemptAt: now };
    ops.push({ op: 'put', coll: NOTIFY_OUTBOX, id, value: entry });
    ids.push(id);
  });
  return { ops, ids };
}
