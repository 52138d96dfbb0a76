import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers.js';
import { parseChunk, type ChunkParseOptions, type ParsedChunk } from './chunk-parse.js';
import type { FieldMapping } from './parsers/mapping.js';
import type { ParserSet } from './parsers/registry.js';
import type { ParseJob, ParseReply } from './parse-worker.js';

/** Below this a chunk costs less to parse in place than to hand over. */
const WORKER_MIN_BYTES = 256 * 1024;
/** Chunks at the worker at once: one being parsed and one waiting, so it never idles between replies. */
const WORKER_QUEUE = 2;

export interface ParsedBytes {
  parsed: ParsedChunk;
  /** The chunk, readable again (a transferred chunk comes back in new memory views). */
  bytes: Buffer;
}

export interface ChunkParserOptions {
  parsers: ParserSet;
  /** The mappings `parsers` was built from: the worker builds the same set from them. */
  mappings: readonly FieldMapping[];
  /** Hand chunks to a parse thread as well (only on a host with 2+ cores). */
  worker: boolean;
  log?: (msg: string) => void;
}

/** A chunk handed to `submit`, until `take` returns its records. */
export interface ChunkJob {
  readonly id: number;
  /** Detached while the worker has the chunk; the memory comes back with its records. */
  bytes: Buffer;
  readonly length: number;
  readonly options: ChunkParseOptions;
  state: 'held' | 'posted' | 'done';
  readonly settled: Promise<ParsedBytes>;
  resolve(r: ParsedBytes): void;
  reject(err: Error): void;
}

/**
 * Parses file chunks on a worker thread and on the calling thread at once. JSON.parse is most of
 * ingest and cannot be shared within a line, but chunks are independent. The worker is kept fed;
 * the calling thread, which also does dedup and journalling, parses a chunk itself only when it
 * would otherwise wait for the worker (it takes the newest held chunk, leaving the older ones for
 * the worker). On two cores both threads stay busy whatever the mix of parse and apply costs.
 * Callers take results in file order.
 */
export class ChunkParser {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private readonly posted = new Map<number, ChunkJob>();
  private readonly held: ChunkJob[] = [];

  constructor(private readonly o: ChunkParserOptions) {}

  /** The caller hands over the memory under `bytes` (its whole ArrayBuffer) until `take` gives it back. */
  submit(bytes: Buffer, options: ChunkParseOptions): ChunkJob {
    const job = newJob(++this.nextId, bytes, options);
    const whole = bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer;
    const worker = whole && bytes.length >= WORKER_MIN_BYTES ? this.startedWorker() : undefined;
    if (!worker) this.parseHere(job);
    else if (this.posted.size < WORKER_QUEUE) this.post(worker, job);
    else this.held.push(job);
    return job;
  }

  /** The job's records; parses a held chunk meanwhile if the worker still has this one. */
  async take(job: ChunkJob): Promise<ParsedBytes> {
    if (job.state === 'held') {
      this.held.splice(this.held.indexOf(job), 1);
      this.parseHere(job);
    } else {
      // A reply already waiting in the port lands first: stealing is only for time spent waiting.
      while (job.state === 'posted' && this.held.length > 0) {
        await new Promise(setImmediate);
        if (job.state === 'posted') this.parseHere(this.held.pop()!);
      }
    }
    return job.settled;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.failed = true;
    if (w) this.detach(w, new Error('parser closed'));
    await w?.terminate();
  }

  private parseHere(job: ChunkJob): void {
    try {
      job.resolve({ parsed: parseChunk(job.bytes, job.options, this.o.parsers), bytes: job.bytes });
    } catch (err) {
      job.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private post(worker: Worker, job: ChunkJob): void {
    job.state = 'posted';
    this.posted.set(job.id, job);
    const msg: ParseJob = { id: job.id, buffer: job.bytes.buffer as ArrayBuffer, length: job.length, options: job.options };
    // Held while a chunk is out, so a caller awaiting it keeps the process alive; idle, it does not.
    worker.ref();
    worker.postMessage(msg, [msg.buffer]);
  }

  private startedWorker(): Worker | undefined {
    if (this.worker || this.failed || !this.o.worker || availableParallelism() < 2) return this.worker;
    const w = startWorker(import.meta.url, 'parse-worker', this.o.mappings);
    w.on('message', (r: ParseReply) => this.settle(w, r));
    w.on('error', (err) => this.fail(w, err));
    w.on('exit', (code) => this.fail(w, new Error(`parse worker exited with code ${code}`)));
    w.unref();
    this.worker = w;
    return w;
  }

  private settle(w: Worker, r: ParseReply): void {
    const job = this.posted.get(r.id);
    if (!job) return;
    this.posted.delete(r.id);
    job.bytes = Buffer.from(r.buffer, 0, job.length);
    if ('error' in r) job.reject(new Error(`parse worker: ${r.error}`));
    else job.resolve({ parsed: r.parsed, bytes: job.bytes });
    const next = this.held.shift();
    if (next) this.post(w, next);
    else if (this.posted.size === 0) w.unref();
  }

  /** A dead worker fails the chunks it held (their source re-reads them from the last durable offset); parsing goes on here. */
  private fail(w: Worker, err: Error): void {
    if (this.worker !== w) return;
    this.failed = true;
    this.o.log?.(`parse worker stopped, parsing in place from now on: ${err.message}`);
    this.detach(w, err);
  }

  private detach(w: Worker, err: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    // Held chunks fail too: their tail stops at the first failed chunk and reads them again.
    for (const job of [...this.posted.values(), ...this.held.splice(0)]) job.reject(err);
    this.posted.clear();
  }
}

function newJob(id: number, bytes: Buffer, options: ChunkParseOptions): ChunkJob {
  let resolve!: (r: ParsedBytes) => void;
  let reject!: (err: Error) => void;
  const settled = new Promise<ParsedBytes>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A job whose chunk is never taken (its tail stopped) must not count as an unhandled failure.
  settled.catch(() => {});
  const job: ChunkJob = {
    id,
    bytes,
    length: bytes.length,
    options,
    state: 'held',
    settled,
    resolve: (r) => {
      job.state = 'done';
      resolve(r);
    },
    reject: (err) => {
      job.state = 'done';
      reject(err);
    },
  };
  return job;
}
