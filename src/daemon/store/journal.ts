import { closeSync, fsyncSync, openSync, truncateSync, unlinkSync } from 'node:fs';
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
  private pending: { seq: number; line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  /** Bytes of the current segment known to be on disk; a failed write is cut back to this. */
  private durableBytes = 0;
  /** A write failed and may have left a partial line past durableBytes; cut it before writing again. */
  private dirty = false;
  /**
   * Told, synchronously and before any of their promises settle, the first sequence number of
   * entries whose write failed: the store undoes them in memory before anything else can commit.
   */
  onFailed: (firstSeq: number) => void = () => {};
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
    return new Promise((resolve, reject) => {
      this.pending.push({ seq: entry.s, line: encodeEntry(entry), resolve, reject });
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
    if (this.dirty) this.cutBack();
    const old = listSegments(this.dir).filter((f) => f <= segmentName(this.segment));
    const oldHandle = this.handle;
    this.segment++;
    const fd = openSync(join(this.dir, segmentName(this.segment)), 'a', 0o600);
    closeSync(fd);
    void oldHandle?.close();
    this.handle = undefined;
    this.durableBytes = 0;
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

  /** Cuts the segment back to its last durable byte (shrinking needs no free space). */
  private cutBack(): void {
    truncateSync(join(this.dir, segmentName(this.segment)), this.durableBytes);
    this.dirty = false;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          if (this.dirty) this.cutBack();
          this.handle ??= await open(join(this.dir, segmentName(this.segment)), 'a', 0o600);
          const buf = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
          // write(2) may take part of the buffer (the last free bytes of a full disk) and report
          // no error: only the next call says ENOSPC. Acking after a short write would lose data.
          for (let done = 0; done < buf.length; ) done += (await this.handle.write(buf, done, buf.length - done)).bytesWritten;
          const t0 = process.hrtime.bigint();
          await this.handle.datasync();
          const secs = Number(process.hrtime.bigint() - t0) / 1e9;
          this.stats.fsyncs++;
          this.stats.bytes += buf.length;
          this.durableBytes += buf.length;
          this.stats.fsyncSecondsTotal += secs;
          this.stats.fsyncSecondsMax = Math.max(this.stats.fsyncSecondsMax, secs);
          for (const p of batch) p.resolve();
        } catch (err) {
          // The entries are not acknowledged: the store takes them back out of memory, and the
          // partial bytes they may have left are cut before the next write, so a full disk
          // costs the writes made while it is full and nothing after it has room again.
          const failed = [...batch, ...this.pending];
          this.pending = [];
          this.dirty = true;
          void this.handle?.close().catch(() => {});
          this.handle = undefined;
          this.onFailed(failed[0]!.seq);
          for (const p of failed) p.reject(err);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}
