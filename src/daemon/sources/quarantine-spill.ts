import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SocdeckError } from '../../shared/errors.js';

/** Where a quarantined record's full bytes went, or why they could not be kept. */
export type SpillOutcome = { rawFile: string } | { rawFileError: string };

const NAME = /^q[0-9a-z]+\.raw$/;

/**
 * Full raw bytes of quarantined records whose text in the entry is cut (over the inline cap) or
 * lossy (invalid UTF-8): one file per entry in `<data dir>/quarantine/`, bounded in total. A
 * file is written and fsynced before the journal entry that names it, so an acknowledged
 * quarantine row never points at nothing. Past the bound the entry keeps its head only and says
 * so; the bound frees up as entries are evicted or re-ingested.
 */
export class QuarantineSpill {
  private used = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const f of readdirSync(dir)) if (NAME.test(f)) this.used += statSync(join(dir, f)).size;
  }

  get usedBytes(): number {
    return this.used;
  }

  keep(id: string, bytes: Uint8Array): SpillOutcome {
    if (this.used + bytes.length > this.maxBytes) {
      return { rawFileError: `quarantine spill store full (${this.used} of ${this.maxBytes} bytes used; ingest.quarantineSpillMaxBytes): only the head of this ${bytes.length}-byte record was kept` };
    }
    const name = `${id}.raw`;
    const file = join(this.dir, name);
    try {
      const fd = openSync(file, 'w', 0o600);
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      // A full disk costs the evidence's tail, not the record: the entry keeps its head and says why.
      rmSync(file, { force: true });
      return { rawFileError: `could not write the ${bytes.length}-byte record to the quarantine folder (${(err as NodeJS.ErrnoException).code ?? 'error'}): only its head was kept` };
    }
    this.used += bytes.length;
    return { rawFile: name };
  }

  /** The full bytes an entry's file holds; a typed not_found when the file is gone. */
  read(name: string): Buffer {
    if (!NAME.test(name)) throw new SocdeckError('invalid_params', `not a quarantine file name: ${name}`);
    try {
      return readFileSync(join(this.dir, name));
    } catch {
      throw new SocdeckError('not_found', `quarantine file ${name} is missing from the data dir`);
    }
  }

  drop(name: string): void {
    if (!NAME.test(name)) return;
    const file = join(this.dir, name);
    try {
      this.used -= statSync(file).size;
      unlinkSync(file);
    } catch {
      // Already gone: nothing to free.
    }
  }
}
