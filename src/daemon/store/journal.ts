import { closeSync, fsyncSync, openSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeEntry, type JournalEntry } from './journal-line.js';
import { listSegments, segmentName } from './journal-scan.js';

export type { JournalEntry } from './journal-line.js';
export { replaySegments } from './journal-scan.js';

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
      this.pending.push({ line: encodeEntry(entry), resolve, reject });
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
