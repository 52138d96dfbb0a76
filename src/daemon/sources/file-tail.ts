import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { IncomingRecord, Intake, IntakeBatch } from '../intake.js';
import { expandPattern } from './file-glob.js';
import type { FileSourceConfig } from './ingest-config.js';
import type { ChunkJob, ChunkParser } from './chunk-parser.js';
import { BufferPool, readChunks } from './file-chunks.js';
import { applyChunk, lineOrigin } from './file-chunk-apply.js';
import { truncateUtf8 } from './line-decoder.js';
import type { SourceReporter } from './source-reporter.js';
import { SOURCE_OFFSETS } from '../collections.js';

/**
 * Chunks read and parsed ahead of the one being applied: enough to keep the parse thread busy
 * and leave this thread some to parse while it waits. While a tail catches up it holds up to
 * this many + 1 read buffers (28 MiB at the default 4 MiB chunk); idle, it keeps two.
 */
const PARSE_AHEAD = 6;

/** A file position as journalled together with the records before it. `line` 0 = unknown (started at the end). */
export interface FilePosition {
  source: string;
  path: string;
  dev: number;
  ino: number;
  offset: number;
  line: number;
}

/** An over-cap line being skipped: only its head is kept, never the whole line. */
interface Skip {
  start: number;
  line: number;
  head: Buffer;
  scanned: number;
}

interface Tracked {
  pos: FilePosition;
  fh?: FileHandle;
  skip?: Skip;
}

export interface FileTailDeps {
  cfg: FileSourceConfig;
  intake: Intake;
  store: Store;
  log: Logger;
  reporter: SourceReporter;
  maxLineBytes: number;
  keepBytes: number;
  batchMaxRecords: number;
  /** Shared by the daemon's file sources: it owns the parse thread. */
  parser: ChunkParser;
}

/**
 * Tails JSONL files. A file's offset is journalled in the same commit as the records before it,
 * so after kill -9 a restart resumes exactly after the last durable record: nothing lost, nothing
 * twice. Rotation is an inode change (the old file is drained first, also across a restart when
 * it still sits in the same folder); a file shorter than our offset was truncated and is re-read
 * from the start. A partial last line waits for its newline.
 */
export class FileTail {
  private readonly files = new Map<string, Tracked>();
  private readonly pool: BufferPool;
  private stopped = false;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly d: FileTailDeps) {
    // A chunk must hold more than one line at the cap, or an over-cap line could not be told apart.
    this.pool = new BufferPool(Math.max(d.cfg.readChunkBytes, d.maxLineBytes + 1), 2);
  }

  poll(): Promise<void> {
    this.inFlight ??= this.pollAll().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.inFlight?.catch(() => {});
    for (const t of this.files.values()) await t.fh?.close().catch(() => {});
    this.files.clear();
  }

  private async pollAll(): Promise<void> {
    const paths = [...new Set(this.d.cfg.paths.flatMap(expandPattern))];
    for (const p of paths) {
      if (this.stopped) return;
      await this.pollFile(p);
    }
    this.d.reporter.set('running');
  }

  private key(path: string): string {
    return `${this.d.cfg.name}:${path}`;
  }

  private fresh(path: string, st: { dev: number; ino: number }, offset: number, line: number): FilePosition {
    return { source: this.d.cfg.name, path, dev: st.dev, ino: st.ino, offset, line };
  }

  private async pollFile(path: string): Promise<void> {
    let st;
    try {
      st = await stat(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const t = this.files.get(path);
      // Renamed away and not recreated yet: finish the old file through the handle we hold.
      if (t?.fh) await this.drain(t);
      return;
    }
    let t = this.files.get(path);
    if (!t) {
      const saved = this.d.store.get<FilePosition>(SOURCE_OFFSETS, this.key(path));
      if (saved && (saved.ino !== st.ino || saved.dev !== st.dev)) await this.recoverRotated(path, saved);
      const same = saved && saved.ino === st.ino && saved.dev === st.dev;
      const atEnd = !saved && this.d.cfg.startAt === 'end';
      t = { pos: same ? { ...saved } : this.fresh(path, st, atEnd ? st.size : 0, atEnd ? 0 : 1) };
      this.files.set(path, t);
    } else if (t.pos.ino !== st.ino || t.pos.dev !== st.dev) {
      await this.drain(t);
      this.d.log.info('file rotated', { source: this.d.cfg.name, path });
      t.pos = this.fresh(path, st, 0, 1);
      delete t.skip;
    }
    if (st.size < t.pos.offset) {
      this.d.log.warn('file truncated; reading it again from the start', { source: this.d.cfg.name, path, size: st.size, offset: t.pos.offset });
      await t.fh?.close();
      delete t.fh;
      delete t.skip;
      t.pos = this.fresh(path, st, 0, 1);
      // The truncation itself must be durable, or a restart would skip the new content up to the old offset.
      await this.commit(t, this.begin(), t.pos);
    }
    if (st.size <= (t.skip?.scanned ?? t.pos.offset)) return;
    if (!t.fh) {
      const fh = await open(path, 'r');
      const fst = await fh.stat();
      if (fst.ino !== t.pos.ino || fst.dev !== t.pos.dev) {
        // Rotated between stat and open: the next poll sees the new inode.
        await fh.close();
        return;
      }
      t.fh = fh;
    }
    await this.readFrom(t, false);
  }

  /** Reads an old (rotated) file to its end, including a last line without a newline, then closes it. */
  private async drain(t: Tracked): Promise<void> {
    if (!t.fh) return;
    await this.readFrom(t, true);
    await t.fh.close();
    delete t.fh;
  }

  /** After a restart: the file we were reading may now be `alerts.json.1` next to the new one. */
  private async recoverRotated(path: string, saved: FilePosition): Promise<void> {
    const dir = dirname(path);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const candidate = join(dir, name);
      if (candidate === path) continue;
      const st = await stat(candidate).catch(() => undefined);
      if (st?.isFile() && st.ino === saved.ino && st.dev === saved.dev) {
        this.d.log.info('finishing a file rotated while the daemon was down', { source: this.d.cfg.name, path, rotatedTo: candidate });
        const old: Tracked = { pos: { ...saved }, fh: await open(candidate, 'r') };
        await this.drain(old);
        return;
      }
    }
    this.d.log.warn('file rotated while the daemon was down and the old file is gone; its unread tail is lost', { source: this.d.cfg.name, path, offset: saved.offset });
  }

  private async readFrom(t: Tracked, final: boolean): Promise<void> {
    const fh = t.fh!;
    const { maxLineBytes, keepBytes } = this.d;
    const pos = (): FilePosition => ({ ...t.pos, offset, line });
    let offset = t.pos.offset;
    let line = t.pos.line;
    // One chunk is fsync'd while the next is read and parsed. The journal keeps commits in order
    // and refuses every write after a failed one, so an offset never becomes durable without its records.
    let journalling: Promise<void> | undefined;
    // The batch is applied at once (no await may come between its first add and its commit); the
    // returned promise is the previous commit's, for the caller to wait on before reading more.
    const commit = (batch: IntakeBatch): Promise<void> | undefined => {
      const previous = journalling;
      journalling = this.commit(t, batch, pos());
      // Awaited later or at the end; until then a failure must not count as unhandled.
      journalling.catch(() => {});
      return previous;
    };
    // Chunks are parsed ahead (on the parse thread and here at once) and applied in file order.
    const parsing: { start: number; job: ChunkJob }[] = [];
    const applyNext = async (): Promise<void> => {
      const { start, job } = parsing.shift()!;
      const { parsed, bytes } = await this.d.parser.take(job);
      const lineAtStart = line;
      let batch: IntakeBatch;
      try {
        batch = applyChunk({ path: t.pos.path, start, parsed, bytes, line: lineAtStart }, { ...this.d, begin: () => this.begin() }, (at, next, b) => {
          offset = at;
          line = next;
          void commit(b);
        });
      } finally {
        this.pool.release(bytes);
      }
      offset = start + parsed.consumed;
      if (lineAtStart !== 0) line = lineAtStart + parsed.lineCount;
      await commit(batch);
    };
    try {
      while (!this.stopped) {
        if (t.skip) {
          const end = await this.skipOverCap(fh, t.skip, final);
          if (end === undefined) break;
          const batch = this.begin();
          batch.add(this.overCap(t.pos.path, t.skip, end - t.skip.start));
          offset = end + 1;
          line = t.skip.line ? t.skip.line + 1 : 0;
          delete t.skip;
          await commit(batch);
          continue;
        }
        for await (const c of readChunks(fh, offset, this.pool, { maxLineBytes, keepBytes, final })) {
          if (c.kind === 'overcap') {
            while (parsing.length > 0 && !this.stopped) await applyNext();
            t.skip = { start: c.start, line, head: c.head, scanned: c.scanned };
            break;
          }
          parsing.push({ start: c.start, job: this.d.parser.submit(c.bytes, { maxLineBytes, keepBytes, final: c.final, format: this.d.cfg.format, customer: this.d.cfg.customer }) });
          if (parsing.length >= PARSE_AHEAD) await applyNext();
          if (this.stopped) break;
        }
        while (parsing.length > 0 && !this.stopped) await applyNext();
        if (!t.skip) break;
      }
    } finally {
      // Every move of the offset above was committed with its batch; this waits for the last one.
      await journalling;
    }
  }

  /** An intake batch for this source's records. */
  private begin(): IntakeBatch {
    return this.d.intake.begin(this.d.cfg.name, this.d.cfg.format, this.d.cfg.customer);
  }

  /** Reads on through an over-cap line without keeping it; the offset of its newline, or undefined while it has none yet. */
  private async skipOverCap(fh: FileHandle, skip: Skip, final: boolean): Promise<number | undefined> {
    const buf = this.pool.take();
    try {
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, skip.scanned);
        const nl = buf.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0 || (final && bytesRead < buf.length)) return skip.scanned + (nl < 0 ? bytesRead : nl);
        skip.scanned += bytesRead;
        if (bytesRead < buf.length || this.stopped) return undefined;
      }
    } finally {
      this.pool.release(buf);
    }
  }

  /** Applies the batch now, with the position after its records in the same journal entry; settles after the fsync. */
  private async commit(t: Tracked, batch: IntakeBatch, pos: FilePosition): Promise<void> {
    const res = await batch.commit([{ op: 'put', coll: SOURCE_OFFSETS, id: this.key(pos.path), value: pos }]);
    t.pos = pos;
    this.d.reporter.counted(res.accepted);
  }

  private overCap(path: string, skip: Skip, length: number): IncomingRecord {
    return {
      raw: truncateUtf8(skip.head.toString('utf8'), this.d.keepBytes),
      rawLength: length,
      reject: `line is ${length} bytes, over the ${this.d.maxLineBytes}-byte line cap`,
      origin: lineOrigin(path, skip.line, skip.start),
      offset: skip.start,
    };
  }
}
