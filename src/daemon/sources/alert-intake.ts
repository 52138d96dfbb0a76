import { randomBytes } from 'node:crypto';
import { RAW_CAP_BYTES, type Alert } from '../../shared/alert.js';
import type { QuarantineEntry } from '../../shared/protocol.js';
import { auditOp } from '../audit/audit-log.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import { ALERTS, QUARANTINE } from '../collections.js';
import type { Intake, IncomingRecord, IngestOptions, IngestResult, IntakeBatch, Reingested } from '../intake.js';
import type { Store, StoreOp } from '../store/store.js';
import { DedupIndex, type BatchRows, type Counters } from './dedup-index.js';
import { dedupKey, fingerprintOf } from './fingerprint.js';
import { truncateUtf8 } from './line-decoder.js';
import type { AlertFields } from './parsers/types.js';
import { DEFAULT_PARSERS, type Parsed, type ParserSet } from './parsers/registry.js';
import { parseIncoming } from './record-parse.js';
import type { QuarantineSpill } from './quarantine-spill.js';

/**
 * A source whose records are raw log lines, not alerts (`detect: sigma`): the alerts a line
 * raises (none is common and is no error), or why the line could not be read at all.
 */
export type LineDetector = (raw: string) => { alerts: AlertFields[] } | { reject: string };

/** A repeat's patch row, after its id (see DedupIndex's Counters). */
const COUNTER_FIELDS = ['count', 'firstSeen', 'lastSeen'] as const satisfies readonly (keyof Counters)[];

export interface IntakeSettings {
  dedupWindowMs: number;
  /** Bytes of raw text kept per quarantined record; the original length is kept beside it. */
  quarantineRawBytes: number;
  /** Oldest entries are evicted (and logged) past this many. */
  quarantineMaxEntries: number;
  parsers: ParserSet;
  warn: (msg: string) => void;
  /** Adds what is derived from the fields to a new row before it is stored (ATT&CK placement). */
  enrich?: (alert: Alert, fields: AlertFields) => void;
  /** Keeps the full bytes of records cut or lossy in their entry; without it only the head is kept. */
  spill?: QuarantineSpill;
}

export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = {
  dedupWindowMs: 10 * 60_000,
  quarantineRawBytes: 64 * 1024,
  quarantineMaxEntries: 10_000,
  parsers: DEFAULT_PARSERS,
  warn: () => {},
};

/** One batch being built: its rows (see DedupIndex) and the ops to commit with them. */
interface Batch extends BatchRows {
  ops: StoreOp[];
  now: string;
  /** Spill files of entries this batch deletes: removed once the batch is durable. */
  dropFiles: string[];
}

export function newAlert(fields: AlertFields, meta: { id: string; fingerprint: string; source: string; raw: string; rawLength?: number }): Alert {
  // Hints are the enricher's input, not part of the row.
  const { attackHints: _hints, ...f } = fields;
  return {
    ...f,
    id: meta.id,
    fingerprint: meta.fingerprint,
    customer: f.customer ?? 'default',
    source: meta.source,
    raw: truncateUtf8(meta.raw, RAW_CAP_BYTES),
    rawLength: meta.rawLength ?? Buffer.byteLength(meta.raw),
    firstSeen: f.time,
    lastSeen: f.time,
    count: 1,
    state: f.state ?? 'new',
    rev: 0,
  };
}

/**
 * Parse -> normalise -> fingerprint/dedup -> journal, for every source. The returned promise
 * resolves after the journal fsync; only then may a source acknowledge (202, syslog has none).
 */
export class AlertIntake implements Intake {
  /** Rows by dedup key; the key is the fingerprint's input, so the hash is paid only for new rows. */
  private readonly index: DedupIndex;
  private counter = 0;
  private quarantined: number;
  private settings: IntakeSettings = DEFAULT_INTAKE_SETTINGS;
  private readonly detectors = new Map<string, LineDetector>();
  ingested = 0;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    this.index = new DedupIndex(store, ALERTS);
    this.quarantined = store.count(QUARANTINE);
  }

  /** Alerts other cluster members wrote, so repeats arriving here fold into their rows. */
  learn(alerts: readonly Alert[]): void {
    for (const a of alerts) this.index.learn(a);
  }

  /** The ingest module applies its config section here (dedup window, caps, field mappings). */
  configure(s: Partial<IntakeSettings>): void {
    this.settings = { ...this.settings, ...s };
  }

  /** Makes `source`'s records raw lines for `detect` (undefined: alert records again). */
  setDetector(source: string, detect: LineDetector | undefined): void {
    if (detect) this.detectors.set(source, detect);
    else this.detectors.delete(source);
  }

  get parsers(): ParserSet {
    return this.settings.parsers;
  }

  get spill(): QuarantineSpill | undefined {
    return this.settings.spill;
  }

  /** Time + counter make ids unique within a daemon; the per-instance random tail keeps two daemons' ids apart. */
  private readonly idTail = randomBytes(2).toString('hex');

  private nextId(prefix: string): string {
    this.counter = (this.counter + 1) % 1_679_616;
    return `${prefix}${this.clock.now().toString(36)}${this.counter.toString(36).padStart(4, '0')}${this.idTail}`;
  }

  async ingest(source: string, records: readonly IncomingRecord[], opts: IngestOptions = {}): Promise<IngestResult> {
    const batch = this.begin(source, opts.format, opts.customer);
    for (const rec of records) batch.add(rec);
    return batch.commit(opts.extraOps);
  }

  /**
   * A batch filled record by record, so a source can hand over each line as it is cut and keep
   * nothing else alive. Between begin and commit the caller must not await: another source's
   * batch would otherwise copy the same rows and one of the two counts would be lost.
   */
  begin(source: string, format = 'auto', customer?: string): IntakeBatch {
    const batch = this.newBatch();
    const result: IngestResult = { accepted: 0, skipped: 0, alertIds: [], rejected: [] };
    let index = 0;
    const quarantine = (rec: IncomingRecord, reason: string): void => {
      this.quarantineNew(batch, source, rec, format, reason);
      result.rejected.push({ index, reason });
    };
    const accepted = (id: string): void => {
      result.accepted++;
      result.alertIds.push(id);
    };
    const create = (key: string, time: number, out: Parsed, rec: IncomingRecord): void => {
      const made = this.create(batch, source, key, time, out, rec);
      if (typeof made === 'string') accepted(made);
      else quarantine(rec, made.reason);
    };
    const window = this.settings.dedupWindowMs;
    const alert = (out: Extract<Parsed, { kind: 'alert' }>, rec: IncomingRecord): void => {
      const key = dedupKey(out.fields);
      const time = Date.parse(out.fields.time);
      const id = this.index.repeat(batch, key, time, window);
      if (id !== undefined) accepted(id);
      else create(key, time, out, rec);
    };
    const detect = this.detectors.get(source);
    // A raw line's own defect (over the cap, bad UTF-8) still quarantines it; a line no rule matches is skipped.
    const detected = (rec: IncomingRecord, d: LineDetector): void => {
      const out = rec.reject ? { reject: rec.reject } : d(rec.raw);
      if ('reject' in out) quarantine(rec, out.reject);
      else if (out.alerts.length === 0) result.skipped++;
      else for (const fields of out.alerts) alert({ kind: 'alert', fields: customer !== undefined && fields.customer === undefined ? { ...fields, customer } : fields }, rec);
    };
    return {
      add: (rec) => {
        if (detect) detected(rec, detect);
        else {
          const out = parseIncoming(rec, this.settings.parsers, format, customer);
          if (out.kind === 'skip') result.skipped++;
          else if (out.kind === 'reject') quarantine(rec, out.reason);
          else alert(out, rec);
        }
        index++;
      },
      addParsed: (key, time, record, i) => {
        if (detect) {
          detected(record(i), detect);
          index++;
          return;
        }
        const id = this.index.repeat(batch, key, time, window);
        if (id !== undefined) accepted(id);
        else {
          const rec = record(i);
          create(key, time, parseIncoming(rec, this.settings.parsers, format, customer), rec);
        }
        index++;
      },
      addSkipped: () => {
        result.skipped++;
        index++;
      },
      size: () => index,
      // The store applies the batch when commit is called; the promise settles after the fsync.
      commit: async (extraOps) => {
        await this.commit(batch, extraOps);
        this.ingested += result.accepted;
        return result;
      },
    };
  }

  /**
   * Parses quarantined records again. Successes become alerts and leave quarantine in the same
   * commit; failures stay, with the new reason and who tried.
   */
  async reingest(ids: readonly string[], actor: string, format?: string): Promise<Reingested> {
    const batch = this.newBatch();
    const reingested: { id: string; alertId: string }[] = [];
    const failed: { id: string; reason: string }[] = [];
    for (const id of ids) {
      const q = this.store.get<QuarantineEntry>(QUARANTINE, id);
      if (!q) {
        failed.push({ id, reason: 'no such quarantine entry' });
        continue;
      }
      const keptBytes = Buffer.byteLength(q.raw);
      const out =
        keptBytes < q.rawLength
          ? ({ kind: 'reject', reason: `only ${keptBytes} of ${q.rawLength} bytes were kept; the record cannot be rebuilt` } as const)
          : parseIncoming({ raw: q.raw }, this.settings.parsers, format ?? q.format);
      if (out.kind === 'alert') {
        const key = dedupKey(out.fields);
        const time = Date.parse(out.fields.time);
        const alertId = this.index.repeat(batch, key, time, this.settings.dedupWindowMs) ?? (this.create(batch, q.source, key, time, out, { raw: q.raw, rawLength: q.rawLength }) as string);
        batch.ops.push(
          { op: 'del', coll: QUARANTINE, id },
          auditOp({ at: batch.now, actor, action: 'reingest', target: { kind: 'quarantine', id }, before: { reason: q.reason }, after: { alertId } }),
        );
        if (q.rawFile) batch.dropFiles.push(q.rawFile);
        this.quarantined--;
        reingested.push({ id, alertId });
      } else {
        const reason = out.kind === 'skip' ? `not an alert: ${out.reason}` : out.reason;
        const value: QuarantineEntry = { ...q, reason, attempts: q.attempts + 1, lastAttemptBy: actor };
        batch.ops.push(
          { op: 'put', coll: QUARANTINE, id, value },
          auditOp({ at: batch.now, actor, action: 'reingest', target: { kind: 'quarantine', id }, before: { reason: q.reason }, after: { reason } }),
        );
        failed.push({ id, reason });
      }
    }
    await this.commit(batch);
    this.ingested += reingested.length;
    return { reingested, failed };
  }

  private newBatch(): Batch {
    return { ...this.index.newBatch(), ops: [], now: new Date(this.clock.now()).toISOString(), dropFiles: [] };
  }

  /**
   * A new row for an alert record that is no repeat: `out` is the record parsed. Returns the row
   * id, or why the record could not become a row after all.
   */
  private create(batch: Batch, source: string, key: string, time: number, out: Parsed, rec: IncomingRecord): string | { reason: string } {
    if (out.kind !== 'alert') return { reason: out.kind === 'reject' ? out.reason : `not an alert on a second parse: ${out.reason}` };
    const { raw, rawLength } = rec;
    const alert = newAlert(out.fields, { id: this.nextId('a'), fingerprint: fingerprintOf(out.fields), source, raw, ...(rawLength !== undefined ? { rawLength } : {}) });
    this.settings.enrich?.(alert, out.fields);
    this.index.created(batch, key, alert, time);
    return alert.id;
  }

  private quarantineNew(batch: Batch, source: string, rec: IncomingRecord, format: string, reason: string): void {
    const entry: QuarantineEntry = {
      id: this.nextId('q'),
      source,
      format,
      reason,
      raw: truncateUtf8(rec.raw, this.settings.quarantineRawBytes),
      rawLength: rec.rawLength ?? Buffer.byteLength(rec.raw),
      at: batch.now,
      attempts: 0,
    };
    if (rec.origin) entry.origin = rec.origin;
    if (rec.offset !== undefined) entry.offset = rec.offset;
    // The text is the record only when its length is the record's: a source may hand over just a head.
    const textLength = Buffer.byteLength(rec.raw);
    const full = rec.rawBytes ?? (textLength === entry.rawLength && textLength > this.settings.quarantineRawBytes ? Buffer.from(rec.raw) : undefined);
    if (full && this.settings.spill) {
      const kept = this.settings.spill.keep(entry.id, full);
      Object.assign(entry, kept);
      if ('rawFileError' in kept) this.settings.warn(`quarantine ${entry.id}: ${kept.rawFileError}`);
    }
    batch.ops.push({ op: 'put', coll: QUARANTINE, id: entry.id, value: entry });
    this.quarantined++;
  }

  private async commit(batch: Batch, extraOps: StoreOp[] = []): Promise<void> {
    const { ops, created, repeats } = batch;
    this.index.seal(batch);
    for (const a of created.values()) ops.push({ op: 'put', coll: ALERTS, id: a.id, value: a });
    if (repeats.size > 0) ops.push({ op: 'patch', coll: ALERTS, fields: COUNTER_FIELDS, rows: Array.from(repeats, ([id, c]) => [id, c.count, c.firstSeen, c.lastSeen]) });
    this.evictQuarantine(batch);
    ops.push(...extraOps);
    await this.store.commit(ops);
    for (const f of batch.dropFiles) this.settings.spill?.drop(f);
    if (created.size + repeats.size === 0) return;
    // The rows as stored now, counters moved: what every listener (queue, SLA clocks) keeps.
    const repeated = [...repeats.keys()].flatMap((id) => this.store.get<Alert>(ALERTS, id) ?? []);
    this.bus.emit('alerts.upserted', [...created.values(), ...repeated]);
  }

  /** Quarantine is bounded: past the cap the oldest entries go, in the same commit, and the loss is logged. */
  private evictQuarantine({ ops, dropFiles }: Batch): void {
    const surplus = this.quarantined - this.settings.quarantineMaxEntries;
    if (surplus <= 0) return;
    const pendingIds = new Set(ops.flatMap((o) => (o.coll === QUARANTINE && o.op !== 'patch' ? [o.id] : [])));
    const oldest = this.store
      .values<QuarantineEntry>(QUARANTINE)
      .filter((q) => !pendingIds.has(q.id))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, surplus);
    for (const q of oldest) {
      ops.push({ op: 'del', coll: QUARANTINE, id: q.id });
      if (q.rawFile) dropFiles.push(q.rawFile);
    }
    this.quarantined -= oldest.length;
    if (oldest.length > 0) this.settings.warn(`quarantine over its cap of ${this.settings.quarantineMaxEntries}: evicted the ${oldest.length} oldest entries`);
  }
}
