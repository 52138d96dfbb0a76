import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { INCIDENT_TYPES } from '../../shared/incident-taxonomy.js';
import type { LintIssue } from '../../shared/playbook.js';
import { Severity } from '../../shared/severity.js';

export const FrontMatter = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase kebab-case'),
    type: z.string().refine((t) => INCIDENT_TYPES.some((i) => i.type === t), { message: `must be a taxonomy subtype (${INCIDENT_TYPES.map((i) => i.type).join(', ')})` }),
    title: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
    severity: Severity,
    mitre: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'must be an ATT&CK technique id like T1486 or T1021.002')).min(1),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatter>;

export interface FrontMatterResult {
  data: FrontMatter | undefined;
  issues: LintIssue[];
  /** Index of the first body line (0-based) after the closing `---`. */
  bodyStart: number;
  /** File line of a top-level key, for issues found after parsing (e.g. id vs file name). */
  lineOf(key: string): number;
}

/**
 * Reads the `---` fenced YAML at the top of a playbook. Every issue names the line in the
 * Markdown file, not in the YAML fragment, so an editor can jump to it.
 */
export function parseFrontMatter(lines: readonly string[], file: string): FrontMatterResult {
  if (lines[0]?.trim() !== '---') {
    return { data: undefined, bodyStart: 0, lineOf: () => 1, issues: [{ file, line: 1, message: 'missing YAML front matter: the file must start with a `---` line' }] };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return { data: undefined, bodyStart: lines.length, lineOf: () => 1, issues: [{ file, line: 1, message: 'front matter is not closed: add a `---` line after it' }] };
  // Line n of the fragment is line n + 1 of the file (the opening `---`).
  const offset = 1;
  const counter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join('\n'), { lineCounter: counter });
  const lineOf = (key: string) => (keyLine(doc, counter, [key]) ?? 0) + offset;
  if (doc.errors.length > 0) {
    return {
      data: undefined,
      bodyStart: end + 1,
      lineOf,
      issues: doc.errors.map((e) => ({ file, line: counter.linePos(e.pos[0]).line + offset, message: `front matter: ${e.message.split('\n')[0]}` })),
    };
  }
  const parsed = FrontMatter.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { data: parsed.data, bodyStart: end + 1, lineOf, issues: [] };
  return {
    data: undefined,
    bodyStart: end + 1,
    lineOf,
    issues: parsed.error.issues.map((i) => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const line = keyLine(doc, counter, path);
      return { file, line: line === undefined ? 1 : line + offset, message: `front matter ${path.join('.') || '(root)'}: ${i.message}` };
    }),
  };
}

/** The line of the deepest key of `path` that exists, so a wrong value points at its key. */
function keyLine(doc: Document.Parsed, counter: LineCounter, path: (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
    if (!pair) break;
    const range = (pair.key as { range?: [number, number] }).range;
    if (range) line = counter.linePos(range[0]).line;
    node = pair.value;
  }
  return line;
}
