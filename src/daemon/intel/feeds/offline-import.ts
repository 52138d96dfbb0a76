import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { ImportSummary } from '../../../shared/intel.js';
import { SocdeckError } from '../../../shared/errors.js';
import type { Store } from '../../store/store.js';
import { parseFeedDocument, parseJsonText, type FeedContent } from './feed-document.js';
import { ingestFeedContent, type IngestCounts } from './feed-ingest.js';
import { readZip } from './zip-entries.js';

export const MAX_IMPORT_FILE_BYTES = 512 * 1024 * 1024;
const MAX_FILES = 200_000;

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

/** Lists importable files under a path: JSON and zip files, sorted, bounded in count. */
export function listFeedFiles(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new SocdeckError('not_found', `${path}: no such file or directory`);
  if (st.isFile()) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && /\.(json|zip)$/i.test(ent.name)) out.push(p);
      if (out.length > MAX_FILES) throw new SocdeckError('invalid_params', `${path}: more than ${MAX_FILES} feed files; import sub-folders one by one`);
    }
  };
  walk(path);
  return out;
}

/** Parses one file (a JSON document or a zip of JSON documents) into feed content. */
export async function readFeedFile(file: string, label = file): Promise<{ content: FeedContent; errors: { file: string; error: string }[] }> {
  const size = statSync(file).size;
  if (size > MAX_IMPORT_FILE_BYTES) throw new SocdeckError('invalid_params', `${label}: ${size} bytes is above the ${MAX_IMPORT_FILE_BYTES} byte import cap`);
  const buf = readFileSync(file);
  if (!/\.zip$/i.test(file)) return { content: parseFeedDocument(parseJsonText(buf.toString('utf8'), label), label), errors: [] };
  const content: FeedContent = { kev: [], records: [] };
  const errors: { file: string; error: string }[] = [];
  for await (const entry of readZip(buf, label)) {
    if (!/\.json$/i.test(entry.name)) continue;
    const where = `${label}!${entry.name}`;
    try {
      const c = parseFeedDocument(parseJsonText(entry.data.toString('utf8'), where), where);
      content.kev.push(...c.kev);
      content.records.push(...c.records);
    } catch (err) {
      errors.push({ file: where, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { content, errors };
}

/**
 * Offline import for air-gapped hosts: a file, a folder or a zip of KEV / NVD 2.0 / OSV /
 * CVE JSON 5 documents. A bad file is reported and skipped; the rest still import.
 * Idempotent: records equal to the stored ones are not rewritten.
 */
export async function importFeedPath(store: Store, path: string, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary> {
  const files = listFeedFiles(path);
  const counts: IngestCounts = { added: 0, updated: 0, unchanged: 0 };
  const errors: ImportSummary['errors'] = [];
  let records = 0;
  for (const [i, file] of files.entries()) {
    const label = files.length === 1 ? basename(file) : relative(path, file);
    try {
      const { content, errors: inner } = await readFeedFile(file, label);
      errors.push(...inner);
      records += content.kev.length + content.records.length;
      await ingestFeedContent(store, content, counts);
    } catch (err) {
      errors.push({ file: label, error: err instanceof Error ? err.message : String(err) });
    }
    onProgress?.({ done: i + 1, total: files.length, file: label });
  }
  return { files: files.length, records, ...counts, errors };
}
