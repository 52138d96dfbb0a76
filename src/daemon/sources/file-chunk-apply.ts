import type { IncomingRecord, IntakeBatch } from '../intake.js';
import { lineAt, visitChunk, type ParsedChunk } from './chunk-parse.js';
import type { DecodedLine } from './line-decoder.js';

/** A parsed chunk of a file, where it sits: its first byte's offset and first line (0 = unknown, tailing began mid-file). */
export interface FileChunkAt {
  path: string;
  start: number;
  parsed: ParsedChunk;
  bytes: Buffer;
  line: number;
}

export interface ApplyOptions {
  begin: () => IntakeBatch;
  batchMaxRecords: number;
  maxLineBytes: number;
  keepBytes: number;
}

/**
 * Adds a parsed chunk's records to intake batches, synchronously. A chunk of many small lines
 * is committed in parts (`flush` gets the position after the part: offset and next line), so a
 * batch stays bounded by batchMaxRecords; the last, open batch is returned.
 */
export function applyChunk(c: FileChunkAt, o: ApplyOptions, flush: (offset: number, line: number, b: IntakeBatch) => void): IntakeBatch {
  const { parsed: p, start } = c;
  const known = c.line !== 0;
  const firstLine = c.line || 1;
  let batch = o.begin();
  const record = (i: number): IncomingRecord => fileRecord(c.path, lineAt(c.bytes, p, i, o), start + p.offset[i]!, known ? firstLine + p.lineIndex[i]! : 0);
  const added = (i: number): void => {
    if (batch.size() < o.batchMaxRecords) return;
    flush(Math.min(start + p.offset[i]! + p.byteLength[i]! + 1, start + p.consumed), known ? firstLine + p.lineIndex[i]! + 1 : 0, batch);
    batch = o.begin();
  };
  visitChunk(p, {
    alert: (key, time, i) => {
      batch.addParsed(key, time, record, i);
      added(i);
    },
    skip: (i) => {
      batch.addSkipped();
      added(i);
    },
    // The parse thread's reason is the record's rejection, whatever the line itself was.
    reject: (reason, i) => {
      batch.add({ ...record(i), reject: reason });
      added(i);
    },
  });
  return batch;
}

function fileRecord(path: string, l: DecodedLine, offset: number, line: number): IncomingRecord {
  const rec: IncomingRecord = { raw: l.text, origin: lineOrigin(path, line, offset), offset };
  if (l.reject) {
    rec.reject = l.reject;
    rec.rawLength = l.byteLength;
  }
  return rec;
}

/** `path:line`, or `path@offset` when the line number is unknown (tailing began mid-file). */
export function lineOrigin(path: string, line: number, offset: number): string {
  return line ? `${path}:${line}` : `${path}@${offset}`;
}
