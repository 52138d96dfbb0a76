import type { Alert } from '../shared/alert.js';
import { SocdeckError } from '../shared/errors.js';
import type { StoreOp } from './store/store.js';

/**
 * The core's side of alert intake: what any module may hand alerts to. The implementation
 * (parse, dedup, quarantine) belongs to the ingest module (sources/alert-intake.ts), which
 * provides it when it starts, so the core names no service.
 */

/** One record as a source hands it to intake. */
export interface IncomingRecord {
  /** The original bytes as text, kept (bounded) as evidence and for quarantine. */
  raw: string;
  /** Already-parsed JSON, when the source parsed it; otherwise `raw` is parsed. */
  value?: unknown;
  /** Where the record came from, e.g. `file:line`, `webhook:3`, `syslog-udp:127.0.0.1:5514`. */
  origin?: string;
  /** Byte offset of the record in its file, when it came from one. */
  offset?: number;
  /** Set by a source that already knows the record is bad (invalid UTF-8, over the line cap). */
  reject?: string;
  /** Byte length of the original record when `raw` holds only its head. */
  rawLength?: number;
  /** The original bytes, when `raw` is not them exactly (cut, or lossy for invalid UTF-8): quarantine keeps them. */
  rawBytes?: Uint8Array;
}

export interface IngestResult {
  accepted: number;
  skipped: number;
  alertIds: string[];
  rejected: { index: number; reason: string }[];
}

export interface IngestOptions {
  /** `auto` (default), a built-in format or a config mapping name. */
  format?: string;
  /**
   * Ops committed in the same journal entry as the alerts, e.g. a file offset or a poll cursor:
   * the position can never be durable without the records it covers, nor the other way round.
   */
  extraOps?: StoreOp[];
  /** The source's customer, for alerts that name none. */
  customer?: string;
}

export interface IntakeBatch {
  add(rec: IncomingRecord): void;
  /**
   * An alert its source has parsed already (see ChunkParser), as its dedup key and time: all a
   * repeat needs, and most alerts are repeats. `record(i)` is called, and the record parsed again
   * for its fields, only when it becomes a new row (or fails to), and before this returns. One
   * `record` serves a whole chunk, so a repeat allocates nothing here.
   */
  addParsed(key: string, time: number, record: (i: number) => IncomingRecord, i: number): void;
  /** A record its source has parsed already that is valid but not an alert (e.g. a Suricata flow). */
  addSkipped(): void;
  /** Records added so far. */
  size(): number;
  commit(extraOps?: StoreOp[]): Promise<IngestResult>;
}

export interface Reingested {
  reingested: { id: string; alertId: string }[];
  failed: { id: string; reason: string }[];
}

/**
 * Parse -> normalise -> fingerprint/dedup -> journal. A returned promise resolves after the
 * journal fsync; only then may a source acknowledge.
 */
export interface Intake {
  /** Records accepted since start. */
  readonly ingested: number;
  ingest(source: string, records: readonly IncomingRecord[], opts?: IngestOptions): Promise<IngestResult>;
  begin(source: string, format?: string, customer?: string): IntakeBatch;
  /** Quarantined records parsed again (e.g. after a mapping fix), attributed to `actor`. */
  reingest(ids: readonly string[], actor: string, format?: string): Promise<Reingested>;
  /** Rows another cluster member stored: repeats of their keys fold into them here too. */
  learn(alerts: readonly Alert[]): void;
}

/** What the daemon hands every module: forwards to the implementation the ingest module provides. */
export class IntakePort implements Intake {
  private impl: Intake | undefined;

  provide(impl: Intake): void {
    this.impl = impl;
  }

  get ingested(): number {
    return this.impl?.ingested ?? 0;
  }

  ingest(source: string, records: readonly IncomingRecord[], opts?: IngestOptions): Promise<IngestResult> {
    return this.use().ingest(source, records, opts);
  }

  begin(source: string, format?: string, customer?: string): IntakeBatch {
    return this.use().begin(source, format, customer);
  }

  reingest(ids: readonly string[], actor: string, format?: string): Promise<Reingested> {
    return this.use().reingest(ids, actor, format);
  }

  learn(alerts: readonly Alert[]): void {
    // Before the ingest module starts there is no index to teach: it loads every row from the store.
    this.impl?.learn(alerts);
  }

  private use(): Intake {
    if (!this.impl) throw new SocdeckError('internal', 'alert intake is not running (the ingest module provides it)');
    return this.impl;
  }
}
