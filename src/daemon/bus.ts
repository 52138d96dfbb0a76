import { EventEmitter } from 'node:events';
import type { Alert } from '../shared/alert.js';

/** In-process change events. Emitted only after the change is durable in the journal. */
export interface BusEvents {
  'alerts.upserted': [alerts: Alert[]];
  'alerts.removed': [ids: string[]];
  'source.status': [name: string];
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
