import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SocdeckError } from '../../shared/errors.js';
import { STORE_OPS, type StoreOp } from './types.js';

export interface JournalEntry {
  s: number;
  o: StoreOp[];
}

export interface ReplayResult {
  entries: JournalEntry[];
  tornLines: { file: string; line: number }[];
}

const SEGMENT_RE = /^(\d{8})\.jsonl$/;

export function listSegments(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => SEGMENT_RE.test(f))
    .sort();
}

export function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.jsonl`;
}

/**
 * Reads every journal segment in order. Only the last line of a segment can be torn (a crash
 * mid-append, after which the next start opens a fresh segment), so that line is skipped and
 * reported; a bad line anywhere else means the journal was damaged and we refuse to guess.
 */
export function replaySegments(dir: string): ReplayResult {
  const entries: JournalEntry[] = [];
  const tornLines: ReplayResult['tornLines'] = [];
  for (const file of listSegments(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const lines = text.split('\n');
    const endsClean = text.endsWith('\n') || text.length === 0;
    // split leaves a trailing '' after a final newline
    const lastIndex = endsClean ? lines.length - 2 : lines.length - 1;
    for (let i = 0; i <= lastIndex; i++) {
      const line = lines[i] ?? '';
      if (line === '') continue;
      const parsed = parseEntry(line);
      if ('entry' in parsed) entries.push(parsed.entry);
      // Only a line that is not JSON can be a write cut short; a whole entry we cannot apply never is.
      else if (i === lastIndex && parsed.torn) tornLines.push({ file, line: i + 1 });
      else throw new SocdeckError('store_corrupt', `journal ${file}:${i + 1} is not a valid entry${parsed.torn ? '' : `: ${parsed.why}`}`, { file, line: i + 1 });
    }
  }
  return { entries, tornLines };
}

function parseEntry(line: string): { entry: JournalEntry } | { torn: true } | { torn: false; why: string } {
  let v: JournalEntry;
  try {
    v = JSON.parse(line) as JournalEntry;
  } catch {
    return { torn: true };
  }
  if (typeof v !== 'object' || v === null || typeof v.s !== 'number' || !Array.isArray(v.o)) return { torn: false, why: 'not {s, o}' };
  const bad = v.o.findIndex((o) => !isStoreOp(o));
  return bad < 0 ? { entry: v } : { torn: false, why: `op ${bad} is not a store op this version knows` };
}

/** The op's shape, not its values: enough that replay never mistakes one kind of op for another. */
function isStoreOp(o: unknown): boolean {
  if (typeof o !== 'object' || o === null) return false;
  const op = o as Record<string, unknown>;
  if (typeof op.coll !== 'string' || !(STORE_OPS as readonly unknown[]).includes(op.op)) return false;
  return op.op === 'patch' ? Array.isArray(op.fields) && Array.isArray(op.rows) : typeof op.id === 'string';
}

export interface JournalStats {
  appends: number;
  fsyncs: number;
  fsyncSecondsTotal: number;
  fsyncSecondsMax: number;
  bytes: number;
}

/**
 * Append-only write-ahead log with group commit: entries queued while an fsync is in flight
 * are written and synced together, so throughput scales with batch size, not with fsync rate.
 */
export class Journal {
  private handle: FileHandle | undefined;
  private segment: number;
  private pending: { line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private failed: unknown;
  readonly stats: JournalStats = { appends: 0, fsyncs: 0, fsyncSecondsTotal: 0, fsyncSecondsMax: 0, bytes: 0 };

  private constructor(
    private readonly dir: string,
    segment: number,
  ) {
    this.segment = segment;
  }

  static async openNew(dir: string): Promise<Journal> {
    const last = listSegments(dir).at(-1);
    const next = last ? Number(last.slice(0, 8)) + 1 : 1;
    const j = new Journal(dir, next);
    j.handle = await open(join(dir, segmentName(next)), 'a', 0o600);
    return j;
  }

  get currentSegment(): string {
    return segmentName(this.segment);
  }

  append(entry: JournalEntry): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.push({ line: JSON.stringify(entry) + '\n', resolve, reject });
      this.stats.appends++;
      this.flushing ??= this.flushLoop();
    });
  }

  get idle(): boolean {
    return this.pending.length === 0 && this.flushing === undefined;
  }

  /** Resolves once everything queued so far is on disk. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Switches appends to a fresh segment; the caller must have drained first. Returns the old segments. */
  rotate(): string[] {
    if (!this.idle) throw new Error('journal rotate while writes are pending');
    const old = listSegments(this.dir).filter((f) => f <= segmentName(this.segment));
    const oldHandle = this.handle;
    this.segment++;
    const fd = openSync(join(this.dir, segmentName(this.segment)), 'a', 0o600);
    closeSync(fd);
    void oldHandle?.close();
    this.handle = undefined;
    return old;
  }

  removeSegments(names: string[]): void {
    for (const name of names) unlinkSync(join(this.dir, name));
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle?.close();
    this.handle = undefined;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          this.handle ??= await open(join(this.dir, segmentName(this.segment)), 'a', 0o600);
          const buf = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
          await this.handle.write(buf);
          const t0 = process.hrtime.bigint();
          await this.handle.datasync();
          const secs = Number(process.hrtime.bigint() - t0) / 1e9;
          this.stats.fsyncs++;
          this.stats.bytes += buf.length;
          this.stats.fsyncSecondsTotal += secs;
          this.stats.fsyncSecondsMax = Math.max(this.stats.fsyncSecondsMax, secs);
          for (const p of batch) p.resolve();
        } catch (err) {
          // After a failed write or fsync the file's state is unknown: refuse every later write
          // rather than acknowledge something that may not be on disk.
          this.failed = err;
          for (const p of [...batch, ...this.pending]) p.reject(err);
          this.pending = [];
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}
