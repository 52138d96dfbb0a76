import { existsSync, mkdirSync, openSync, closeSync, fsyncSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSocdeckError } from '../../shared/errors.js';
import { CHECKPOINT_FILE, FsyncJsonFile } from './fsync-json-file.js';
import { checkpointGap, scanSegments, type JournalDamage } from './journal-scan.js';
import { acquireLock } from './lock.js';
import type { StoreData } from './types.js';

export interface StoreCheck {
  dataDir: string;
  ok: boolean;
  checkpoint: { present: boolean; seq: number | undefined; error?: string };
  journal: { entries: number; firstSeq: number | undefined; lastSeq: number | undefined; tornLines: { file: string; line: number }[] };
  /** The first damaged journal line, if any. */
  damage?: JournalDamage;
  /** A gap between checkpoint and journal, which no repair can close. */
  gap?: string;
}

export interface StoreRepair extends StoreCheck {
  /** What the repair set aside (under `<data dir>/damaged/`), never deleted. */
  lost: { entries: number; segments: string[]; savedTo: string } | undefined;
}

/** Reads the data dir without changing it: what a start would find, and where it would stop. */
export async function checkStore(dataDir: string): Promise<StoreCheck> {
  const file = join(dataDir, CHECKPOINT_FILE);
  const present = existsSync(file);
  let seq: number | undefined;
  let error: string | undefined;
  try {
    seq = present ? ((await new FsyncJsonFile<StoreData>(file).read())?.seq ?? 0) : undefined;
  } catch (err) {
    error = isSocdeckError(err) ? err.message : String(err);
  }
  const journalDir = join(dataDir, 'journal');
  const scan = existsSync(journalDir) ? scanSegments(journalDir) : { entries: [], tornLines: [] };
  const firstSeq = scan.entries[0]?.s;
  const gap = error ? undefined : checkpointGap(present ? seq : undefined, firstSeq);
  return {
    dataDir,
    ok: !error && !scan.damage && !gap,
    checkpoint: { present, seq, ...(error ? { error } : {}) },
    journal: { entries: scan.entries.length, firstSeq, lastSeq: scan.entries.at(-1)?.s, tornLines: scan.tornLines },
    ...(scan.damage ? { damage: scan.damage } : {}),
    ...(gap ? { gap } : {}),
  };
}

/**
 * Keeps every journal entry before the first damaged line and moves the rest (the damaged
 * segment's tail and every later segment) to `<data dir>/damaged/<time>/`, so nothing is
 * destroyed and the next start replays a consistent prefix. Refuses while a daemon holds the
 * data dir. A damaged checkpoint or a checkpoint gap is reported, not "repaired": the state
 * they lost is not in the journal.
 */
export async function repairStore(dataDir: string, now = new Date()): Promise<StoreRepair> {
  const release = acquireLock(dataDir);
  try {
    const before = await checkStore(dataDir);
    const d = before.damage;
    if (!d) return { ...before, lost: undefined };
    const journalDir = join(dataDir, 'journal');
    const savedTo = join(dataDir, 'damaged', now.toISOString().replace(/[:.]/g, '-'));
    mkdirSync(savedTo, { recursive: true, mode: 0o700 });
    const damagedFile = join(journalDir, d.file);
    writeFileSync(join(savedTo, `${d.file}.from-line-${d.line}`), readFileSync(damagedFile).subarray(d.offset), { mode: 0o600 });
    for (const seg of d.laterSegments) renameSync(join(journalDir, seg), join(savedTo, seg));
    const laterEntries = d.laterSegments.reduce(
      (n, seg) =>
        n +
        readFileSync(join(savedTo, seg), 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '').length,
      0,
    );
    truncateSync(damagedFile, d.offset);
    const fd = openSync(journalDir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const after = await checkStore(dataDir);
    return { ...after, lost: { entries: d.linesFromDamage + laterEntries, segments: [d.file, ...d.laterSegments], savedTo } };
  } finally {
    release();
  }
}
