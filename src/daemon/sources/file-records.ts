import { open } from 'node:fs/promises';
import { splitLines } from './line-decoder.js';
import type { IncomingRecord } from '../intake.js';

export interface FileRecord {
  line: number;
  /** Position of an element when the file is one JSON array document. */
  index?: number;
  rec: IncomingRecord;
}

/** Whole-document mode (a pretty-printed .json export) is only tried for files up to this size. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/**
 * Reads a file of records for `socdeck parse`: JSONL (the usual case, streamed in chunks) or,
 * when the first line is not a JSON value on its own, one JSON document holding an object or an
 * array of them (the ECS example alert is pretty-printed).
 */
export async function* readFileRecords(path: string, opts: { maxLineBytes: number; keepBytes: number }): AsyncGenerator<FileRecord> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const chunk = Buffer.allocUnsafe(Math.max(4 * 1024 * 1024, opts.maxLineBytes + 1));
    const doc = await asDocument(fh, size, chunk);
    if (doc) {
      yield* doc;
      return;
    }
    let offset = 0;
    let line = 1;
    let skipping: { line: number; offset: number; head: string } | undefined;
    let skippedLen = 0;
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, offset);
      if (bytesRead === 0) break;
      const view = chunk.subarray(0, bytesRead);
      if (skipping) {
        const nl = view.indexOf(10);
        const end = nl < 0 ? bytesRead : nl;
        skippedLen += end;
        if (nl < 0 && offset + bytesRead < size) {
          offset += bytesRead;
          continue;
        }
        yield { line: skipping.line, rec: { raw: skipping.head, rawLength: skippedLen, offset: skipping.offset, reject: `line is ${skippedLen} bytes, over the ${opts.maxLineBytes}-byte line cap` } };
        offset += end + 1;
        line++;
        skipping = undefined;
        continue;
      }
      const atEof = offset + bytesRead >= size;
      const split = splitLines(view, { ...opts, baseOffset: offset, firstLine: line, final: atEof });
      for (const l of split.lines) yield { line: l.line, rec: { raw: l.text, offset: l.offset, ...(l.reject ? { reject: l.reject, rawLength: l.byteLength } : {}) } };
      line += split.lineCount;
      const pending = bytesRead - split.consumed;
      if (pending > opts.maxLineBytes) {
        skipping = { line, offset: offset + split.consumed, head: view.subarray(split.consumed, split.consumed + opts.keepBytes).toString('utf8') };
        skippedLen = pending;
        offset += bytesRead;
        if (offset >= size) {
          yield { line, rec: { raw: skipping.head, rawLength: skippedLen, offset: skipping.offset, reject: `line is ${skippedLen} bytes, over the ${opts.maxLineBytes}-byte line cap` } };
          break;
        }
        continue;
      }
      offset += split.consumed;
      if (atEof) break;
    }
  } finally {
    await fh.close();
  }
}

async function asDocument(fh: Awaited<ReturnType<typeof open>>, size: number, chunk: Buffer): Promise<FileRecord[] | undefined> {
  const { bytesRead } = await fh.read(chunk, 0, Math.min(chunk.length, 64 * 1024), 0);
  const head = chunk
    .subarray(0, bytesRead)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const firstLine =
    head
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (!/^[[{]/.test(firstLine) || size > MAX_DOCUMENT_BYTES) return undefined;
  try {
    JSON.parse(firstLine);
    return undefined;
  } catch {
    // not JSONL: maybe one document
  }
  const text = (await fh.readFile('utf8')).replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(value)) return value.map((v, index) => ({ line: 1, index, rec: { raw: JSON.stringify(v) ?? 'null', value: v } }));
  return [{ line: 1, rec: { raw: text.trim(), value } }];
}
