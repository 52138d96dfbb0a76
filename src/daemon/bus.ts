import { EventEmitter } from 'node:events';
import type { Alert } from '../shared/alert.js';
import type { Advisory } from '../shared/intel.js';
import type { LeakItem } from '../shared/leak.js';
import type { ScanProgressed } from '../shared/scan.js';
import type { SlaObservation } from './sla/observation.js';

/** In-process change events. Emitted only after the change is durable in the journal. */
export interface BusEvents {
  'alerts.upserted': [alerts: Alert[]];
  'alerts.removed': [ids: string[]];
  'source.status': [name: string];
  /** Any subsystem reports item states here to start/pause/stop SLA clocks (see sla/observation.ts). */
  'sla.observed': [items: SlaObservation[]];
  /** Escalation steps that fired, after they are durable (raisedTo: the step raised the SLA severity). */
  'sla.escalated': [steps: { clockId: string; kind: string; itemId: string; phase: string; at: number; raisedTo?: string }[]];
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
