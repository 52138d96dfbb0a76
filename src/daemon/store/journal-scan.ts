import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SocdeckError } from '../../shared/errors.js';
import { decodeEntry, type JournalEntry } from './journal-line.js';

const SEGMENT_RE = /^(\d{8})\.jsonl$/;

export function listSegments(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => SEGMENT_RE.test(f))
    .sort();
}

export function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.jsonl`;
}

/** The first line that cannot be trusted, and what lies after it. */
export interface JournalDamage {
  file: string;
  /** 1-based line number in `file`. */
  line: number;
  /** Byte offset of that line in `file`: where a repair cuts. */
  offset: number;
  reason: string;
  /** Non-blank lines from the damaged one to the end of its segment. */
  linesFromDamage: number;
  /** Whole segments after the damaged one. */
  laterSegments: string[];
}

export interface JournalScan {
  entries: JournalEntry[];
  tornLines: { file: string; line: number }[];
  damage?: JournalDamage;
}

/**
 * Reads every segment in order and checks each line's checksum and that sequence numbers follow
 * on without a gap. Only an unterminated last line may be bad (a crash mid-append, after which
 * the next start opens a fresh segment): it is reported as torn and left out. A bad line that
 * ends in a newline was acknowledged, so it is damage, and so is a missing sequence number.
 */
export function scanSegments(dir: string): JournalScan {
  const entries: JournalEntry[] = [];
  const tornLines: JournalScan['tornLines'] = [];
  const segments = listSegments(dir);
  let expected: number | undefined;
  for (const [si, file] of segments.entries()) {
    const buf = readFileSync(join(dir, file));
    let lineNo = 0;
    for (let start = 0; start < buf.length; ) {
      const nl = buf.indexOf(10, start);
      const end = nl < 0 ? buf.length : nl;
      lineNo++;
      const line = buf.toString('utf8', start, end);
      const at = start;
      start = end + 1;
      if (line.trim() === '') continue;
      const d = decodeEntry(line);
      let reason = 'bad' in d ? d.bad : undefined;
      if ('entry' in d && expected !== undefined && d.entry.s !== expected)
        reason = `sequence ${d.entry.s} where ${expected} was expected (${d.entry.s > expected ? 'an entry is missing' : 'an entry is repeated'})`;
      if (reason === undefined && 'entry' in d) {
        entries.push(d.entry);
        expected = d.entry.s + 1;
        continue;
      }
      if (nl < 0 && 'bad' in d) {
        tornLines.push({ file, line: lineNo });
        continue;
      }
      const rest = buf
        .subarray(at)
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '').length;
      return { entries, tornLines, damage: { file, line: lineNo, offset: at, reason: reason!, linesFromDamage: rest, laterSegments: segments.slice(si + 1) } };
    }
  }
  return { entries, tornLines };
}

/** scanSegments for a start: damage anywhere refuses, naming file and line. */
export function replaySegments(dir: string): { entries: JournalEntry[]; tornLines: JournalScan['tornLines'] } {
  const { entries, tornLines, damage } = scanSegments(dir);
  if (damage) {
    throw new SocdeckError(
      'store_corrupt',
      `journal ${damage.file}:${damage.line} is not a valid entry: ${damage.reason} (in ${dir}); \`socdeck store check\` tells what \`socdeck store repair\` would keep`,
      { file: join(dir, damage.file), line: damage.line },
    );
  }
  return { entries, tornLines };
}

/**
 * Why the journal cannot continue the checkpoint, if it cannot: its first entry must come at or
 * before the one right after the checkpoint, or the entries between are lost. Without a
 * checkpoint the journal must start at sequence 1, else the start would be an empty store
 * pretending to be the real one.
 */
export function checkpointGap(checkpointSeq: number | undefined, firstJournalSeq: number | undefined): string | undefined {
  if (firstJournalSeq === undefined) return undefined;
  if (checkpointSeq === undefined) {
    return firstJournalSeq === 1
      ? undefined
      : `checkpoint.json is missing and the journal starts at sequence ${firstJournalSeq}, not 1: the state before it is gone (restore checkpoint.json from a backup)`;
  }
  return firstJournalSeq > checkpointSeq + 1
    ? `checkpoint.json ends at sequence ${checkpointSeq} but the journal starts at ${firstJournalSeq}: entries ${checkpointSeq + 1}..${firstJournalSeq - 1} are missing`
    : undefined;
}
