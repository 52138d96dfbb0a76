import { parentPort, workerData } from 'node:worker_threads';
import { parseChunk, type ChunkParseOptions, type ParsedChunk } from './chunk-parse.js';
import type { FieldMapping } from './parsers/mapping.js';
import { ParserSet } from './parsers/registry.js';

export interface ParseJob {
  id: number;
  /** The chunk's backing memory, transferred here and back: the chunk is never copied. */
  buffer: ArrayBuffer;
  length: number;
  options: ChunkParseOptions;
}

export type ParseReply = { id: number; buffer: ArrayBuffer } & ({ parsed: ParsedChunk } | { error: string });

const port = parentPort!;
const parsers = new ParserSet(workerData as FieldMapping[]);
port.on('message', (job: ParseJob) => {
  const { id, buffer } = job;
  let reply: ParseReply;
  try {
    reply = { id, buffer, parsed: parseChunk(Buffer.from(buffer, 0, job.length), job.options, parsers) };
  } catch (err) {
    reply = { id, buffer, error: err instanceof Error ? err.message : String(err) };
  }
  const columns = 'parsed' in reply ? [reply.parsed.kinds, reply.parsed.lineIndex, reply.parsed.offset, reply.parsed.byteLength, reply.parsed.times].map((c) => c.buffer as ArrayBuffer) : [];
  port.postMessage(reply, [buffer, ...columns]);
});
