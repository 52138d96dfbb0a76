import type { Worker } from 'node:worker_threads';
import { ErrorCode, SocdeckError } from '../../shared/errors.js';
import { startWorker } from '../workers.js';
import type { ChunkOptions, ChunkResult } from './chunk-parse.js';
import type { FieldMapping } from './parsers/mapping.js';

export interface WorkerJob {
  id: number;
  buffer: ArrayBuffer;
  length: number;
  opts: ChunkOptions;
}

export type WorkerReply = { id: number; buffer: ArrayBuffer } & ({ result: ChunkResult } | { error: string });

export interface ParsedChunk {
  /** The chunk's bytes, handed back by the worker. */
  bytes: Buffer;
  result: ChunkResult;
}

interface Pending {
  job: WorkerJob;
  resolve: (c: ParsedChunk) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

/**
 * JSON.parse and normalisation of big chunks (a backlog, a burst) on worker threads, so the
 * main thread only dedups and journals. Chunks travel as transferred ArrayBuffers both ways: no
 * copy, and the main thread keeps the bytes for evidence without ever holding every line as a
 * string. Workers start on first use; a crashed worker fails its job and is replaced.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly mappings: readonly FieldMapping[],
  ) {}

  /** `buffer` must own its whole ArrayBuffer (Buffer.allocUnsafeSlow): it is detached until the promise settles. */
  parse(buffer: Buffer, length: number, opts: ChunkOptions): Promise<ParsedChunk> {
    if (this.closed) return Promise.reject(new SocdeckError(ErrorCode.Internal, 'parse pool is stopped'));
    if (buffer.byteOffset !== 0 || buffer.buffer.byteLength !== buffer.length) throw new SocdeckError(ErrorCode.Internal, 'parse pool needs a buffer that owns its ArrayBuffer');
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, buffer: buffer.buffer as ArrayBuffer, length, opts }, resolve, reject });
      this.dispatch();
    });
  }

  async stop(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new SocdeckError(ErrorCode.Internal, 'parse pool stopped'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const p = this.queue.shift()!;
      slot.busy = p;
      slot.worker.postMessage(p.job, [p.job.buffer]);
    }
  }

  private spawn(): Slot {
    const worker = startWorker(import.meta.url, 'parse-worker', this.mappings);
    // An idle pool must not keep a stopping process alive; a busy one is awaited by its caller.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: WorkerReply) => {
      const p = slot.busy;
      slot.busy = undefined;
      if (p) {
        if ('result' in reply) p.resolve({ bytes: Buffer.from(reply.buffer, 0, p.job.length), result: reply.result });
        else p.reject(new SocdeckError(ErrorCode.Internal, `parse worker failed: ${reply.error}`));
      }
      this.dispatch();
    });
    const fail = (err: Error): void => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.busy?.reject(new SocdeckError(ErrorCode.Internal, `parse worker died: ${err.message}`));
      slot.busy = undefined;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}
