import { EventEmitter } from 'node:events';
import type { Alert } from '../shared/alert.js';
import type { Advisory } from '../shared/intel.js';
import type { LeakItem } from '../shared/leak.js';
import type { ScanProgressed } from '../shared/scan.js';

/**
 * In-process change events. Emitted only after the change is durable in the journal. A service
 * whose events carry its own types declares them where they live, by augmenting this interface
 * (see sla/observation.ts), so the core names no service.
 */
export interface BusEvents {
  'alerts.upserted': [alerts: Alert[]];
  'alerts.removed': [ids: string[]];
  'source.status': [name: string];
  /** Outbox entries were committed; notify delivers them. */
  'notify.enqueued': [ids: string[]];
  /** A scan's progress (throttled) and its end; the daemon relays it to clients as `scan.progressed`. */
  'scan.progressed': [progress: ScanProgressed];
  /** A new distinct key (by fingerprint) was found and is durable in `leaks`. */
  'leak.detected': [leak: LeakItem];
  /** A new advisory draft is durable in `advisories` (intel); the hook for SLA clocks and notifications. */
  'advisory.created': [advisory: Advisory];
}

export class Bus {
  private readonly ee = new EventEmitter();

  constructor() {
    // Every attached client subscribes; the count is bounded by the server's client cap.
    this.ee.setMaxListeners(0);
  }

  emit<E extends keyof BusEvents>(event: E, ...args: BusEvents[E]): void {
    this.ee.emit(event, ...args);
  }

  on<E extends keyof BusEvents>(event: E, fn: (...args: BusEvents[E]) => void): () => void {
    this.ee.on(event, fn as (...a: unknown[]) => void);
    return () => this.ee.off(event, fn as (...a: unknown[]) => void);
  }
}
