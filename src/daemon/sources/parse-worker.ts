import { parentPort, workerData } from 'node:worker_threads';
import { parseChunk } from './chunk-parse.js';
import type { WorkerJob, WorkerReply } from './parse-pool.js';
import type { FieldMapping } from './parsers/mapping.js';
import { ParserSet } from './parsers/registry.js';

const parsers = new ParserSet(workerData as FieldMapping[]);
const port = parentPort!;

port.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = { id: job.id, buffer: job.buffer, result: parseChunk(Buffer.from(job.buffer, 0, job.length), job.opts, parsers) };
  } catch (err) {
    reply = { id: job.id, buffer: job.buffer, error: err instanceof Error ? err.message : String(err) };
  }
  // The chunk goes back the way it came, without a copy: the caller decodes raw text from it on demand.
  port.postMessage(reply, [job.buffer]);
});
