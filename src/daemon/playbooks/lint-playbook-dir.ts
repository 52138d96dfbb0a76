import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { INCIDENT_TAXONOMY, INCIDENT_TYPES, playbookPath } from '../../shared/incident-taxonomy.js';
import type { LintIssue, Playbook } from '../../shared/playbook.js';
import { parsePlaybook } from './parse-playbook.js';

/** A playbook is prose plus commands; anything bigger is a mistake (a pasted log, a binary). */
export const MAX_PLAYBOOK_BYTES = 256 * 1024;

export interface PlaybookFile {
  /** Relative to the playbooks folder, forward slashes. */
  file: string;
  contentHash: string;
  playbook: Playbook | undefined;
  issues: LintIssue[];
}

export interface DirLint {
  files: PlaybookFile[];
  /** Every issue: per-file ones plus folder-level ones (missing or duplicate playbooks). */
  issues: LintIssue[];
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads every `<category>/*.md` under `dir` and checks it, then checks that each taxonomy
 * subtype has exactly one playbook. Other files (README.md, notes) are left alone.
 */
export function lintPlaybookDir(dir: string): DirLint {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { files: [], issues: [{ file: dir, message: 'playbooks folder does not exist' }] };
  }
  const files: PlaybookFile[] = [];
  for (const category of Object.keys(INCIDENT_TAXONOMY)) {
    const sub = join(dir, category);
    if (!existsSync(sub)) continue;
    for (const name of readdirSync(sub)
      .filter((n) => n.endsWith('.md'))
      .sort()) {
      files.push(readPlaybookFile(dir, `${category}/${name}`));
    }
  }
  const issues = files.flatMap((f) => f.issues);
  for (const t of INCIDENT_TYPES) {
    const expected = playbookPath(t.type);
    if (!files.some((f) => f.file === expected)) issues.push({ file: expected, message: `missing playbook for subtype ${t.type} (${t.zh} / ${t.en})` });
  }
  return { files, issues };
}

export function readPlaybookFile(dir: string, file: string): PlaybookFile {
  const full = join(dir, file);
  const size = statSync(full).size;
  if (size > MAX_PLAYBOOK_BYTES) {
    return { file, contentHash: '', playbook: undefined, issues: [{ file, line: 1, message: `file is ${size} bytes; playbooks are limited to ${MAX_PLAYBOOK_BYTES}` }] };
  }
  const text = readFileSync(full, 'utf8');
  const { playbook, issues } = parsePlaybook(text, file);
  return { file, contentHash: hashText(text), playbook, issues };
}
