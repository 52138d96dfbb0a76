import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ReportEntry } from '../../shared/report.js';

export { ReportEntry };

/** Index entries kept; the oldest drop off (their files stay on disk). */
export const MAX_INDEX_ENTRIES = 5000;

/** Keeps a name usable as one path segment: no separators, no `..`, bounded length. */
export function safeSegment(s: string): string {
  const cleaned = s
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 80);
  return cleaned === '' ? '_' : cleaned;
}

function atomicWrite(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * Finished reports under `<dataDir>/reports`, one file per (customer, kind, subject, lang,
 * format), with index.json listing them newest first. Rebuilding a report replaces its file and
 * its index entry. One daemon owns the data dir (store lock), so writes need no file lock.
 */
export class ReportArchive {
  readonly dir: string;
  private readonly indexFile: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'reports');
    this.indexFile = join(this.dir, 'index.json');
  }

  list(): ReportEntry[] {
    if (!existsSync(this.indexFile)) return [];
    const parsed = z.array(ReportEntry).safeParse(JSON.parse(readFileSync(this.indexFile, 'utf8')));
    // A damaged index must not hide the reports: keep what parses, the files are the truth.
    return parsed.success ? parsed.data : [];
  }

  save(meta: Omit<ReportEntry, 'id' | 'path' | 'bytes'>, content: string): ReportEntry {
    const rel = join(safeSegment(meta.customer), meta.kind, `${safeSegment(meta.subject)}.${safeSegment(meta.lang)}.${meta.format}`);
    const path = join(this.dir, rel);
    atomicWrite(path, content);
    const entry: ReportEntry = { ...meta, id: rel, path, bytes: Buffer.byteLength(content) };
    const rest = this.list().filter((e) => e.id !== rel);
    atomicWrite(this.indexFile, JSON.stringify([entry, ...rest].slice(0, MAX_INDEX_ENTRIES), null, 2) + '\n');
    return entry;
  }

  /** Deletes every report of one customer, files and index entries (the demo's purge). */
  dropCustomer(customer: string): number {
    const gone = this.list().filter((e) => e.customer === customer);
    if (gone.length === 0) return 0;
    rmSync(join(this.dir, safeSegment(customer)), { recursive: true, force: true });
    atomicWrite(
      this.indexFile,
      JSON.stringify(
        this.list().filter((e) => e.customer !== customer),
        null,
        2,
      ) + '\n',
    );
    return gone.length;
  }
}
