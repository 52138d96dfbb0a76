import { randomBytes } from 'node:crypto';
import { RAW_CAP_BYTES, type Alert } from '../../shared/alert.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import { parseRecord } from '../sources/parsers/registry.js';
import type { Store, StoreOp } from '../store/store.js';
import { fingerprintOf } from './fingerprint.js';

export const ALERTS = 'alerts';
export const QUARANTINE = 'quarantine';

export interface IncomingRecord {
  /** The original bytes as text, kept (bounded) as evidence and for quarantine. */
  raw: string;
  /** Already-parsed JSON, when the source parsed it; otherwise intake parses `raw`. */
  value?: unknown;
  /** Where the record came from, e.g. `file:line` or a byte offset. */
  origin?: string;
}

export interface IngestResult {
  accepted: number;
  skipped: number;
  alertIds: string[];
  rejected: { index: number; reason: string }[];
}

export interface QuarantineEntry {
  id: string;
  source: string;
  origin?: string;
  reason: string;
  raw: string;
  rawLength: number;
  at: string;
}

function capRaw(raw: string): string {
  return raw.length > RAW_CAP_BYTES ? raw.slice(0, RAW_CAP_BYTES) : raw;
}

/**
 * Parse -> normalise -> fingerprint/dedup -> journal, for every source. The returned promise
 * resolves after the journal fsync; only then may a source commit its offset or answer 202.
 */
export class AlertIntake {
  private readonly byFingerprint = new Map<string, string>();
  private counter = 0;
  ingested = 0;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly dedupWindowMs = 10 * 60_000,
  ) {
    for (const a of store.values<Alert>(ALERTS)) this.byFingerprint.set(a.fingerprint, a.id);
  }

  private nextId(prefix: string): string {
    this.counter = (this.counter + 1) % 1_679_616;
    return `${prefix}${this.clock.now().toString(36)}${this.counter.toString(36).padStart(4, '0')}${randomBytes(2).toString('hex')}`;
  }

  async ingest(source: string, records: IncomingRecord[], format = 'auto'): Promise<IngestResult> {
    const now = new Date(this.clock.now()).toISOString();
    const ops: StoreOp[] = [];
    const changed = new Map<string, Alert>();
    const result: IngestResult = { accepted: 0, skipped: 0, alertIds: [], rejected: [] };

    records.forEach((rec, index) => {
      let value = rec.value;
      if (value === undefined) {
        try {
          value = JSON.parse(rec.raw);
        } catch (err) {
          return this.quarantine(ops, result, index, source, rec, `invalid JSON: ${(err as Error).message}`, now);
        }
      }
      const out = parseRecord(value, format);
      if (out.kind === 'skip') {
        result.skipped++;
        return;
      }
      if (out.kind === 'reject') return this.quarantine(ops, result, index, source, rec, out.reason, now);

      const f = out.fields;
      const fingerprint = fingerprintOf(f);
      const existingId = this.byFingerprint.get(fingerprint);
      const existing = existingId ? (changed.get(existingId) ?? this.store.get<Alert>(ALERTS, existingId)) : undefined;
      let alert: Alert;
      if (existing && Date.parse(f.time) - Date.parse(existing.lastSeen) <= this.dedupWindowMs && existing.state !== 'closed') {
        alert = {
          ...existing,
          count: existing.count + 1,
          lastSeen: f.time > existing.lastSeen ? f.time : existing.lastSeen,
          rev: existing.rev + 1,
        };
      } else {
        alert = {
          ...f,
          id: this.nextId('a'),
          fingerprint,
          customer: f.customer ?? 'default',
          source,
          raw: capRaw(rec.raw),
          rawLength: Buffer.byteLength(rec.raw),
          firstSeen: f.time,
          lastSeen: f.time,
          count: 1,
          state: 'new',
          rev: 0,
        };
        this.byFingerprint.set(fingerprint, alert.id);
      }
      changed.set(alert.id, alert);
      result.accepted++;
      result.alertIds.push(alert.id);
    });

    for (const a of changed.values()) ops.push({ op: 'put', coll: ALERTS, id: a.id, value: a });
    await this.store.commit(ops);
    this.ingested += result.accepted;
    if (changed.size > 0) this.bus.emit('alerts.upserted', [...changed.values()]);
    return result;
  }

  private quarantine(ops: StoreOp[], result: IngestResult, index: number, source: string, rec: IncomingRecord, reason: string, at: string): void {
    const entry: QuarantineEntry = { id: this.nextId('q'), source, reason, raw: capRaw(rec.raw), rawLength: Buffer.byteLength(rec.raw), at };
    if (rec.origin) entry.origin = rec.origin;
    ops.push({ op: 'put', coll: QUARANTINE, id: entry.id, value: entry });
    result.rejected.push({ index, reason });
  }
}
