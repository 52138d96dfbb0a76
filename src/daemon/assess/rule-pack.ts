import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { SocdeckError } from '../../shared/errors.js';
import { Severity } from '../../shared/severity.js';
import { Condition } from './condition.js';
import { SECTIONS } from './sections.js';

const Localised = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).strict();

export const Rule = z
  .object({
    id: z.string().regex(/^[A-Z]+-\d{3}$/, 'rule ids look like CLOUD-001'),
    section: z.enum(SECTIONS),
    severity: Severity,
    /** Fact kind the rule looks at. */
    fact: z.string().min(1),
    title: Localised,
    rationale: Localised,
    remediation: Localised,
    when: Condition,
    /** Facts this check is about; a fact outside it makes the check "not applicable" there. */
    applies: Condition.optional(),
    /** Analyst's reading group within the section (accounts, ssh, kernel, ...). */
    group: z
      .string()
      .regex(/^[a-z][a-z-]*$/)
      .optional(),
    /** Lynis test ids this check covers, for the comparison benchmark. */
    lynis: z.array(z.string().regex(/^[A-Z]+-\d{4}$/)).optional(),
    /** Evidence line per matching fact; `{field}` is replaced by the fact's value. */
    evidence: z.string().min(1),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;

const Pack = z.object({ pack: z.string().min(1), rules: z.array(Rule).min(1) }).strict();

/** The YAML node at a zod issue path, to name the line of a bad rule. */
function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, path: PropertyKey[]): number {
  let node: unknown = doc.contents;
  let range: [number, number, number] | undefined = (node as Node | null)?.range ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      node = pair.value;
      range = (pair.key as Node).range ?? range;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      range = (node as Node | undefined)?.range ?? range;
    } else break;
  }
  return range ? lines.linePos(range[0]).line : 1;
}

export function parseRulePack(text: string, file: string): Rule[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const err = doc.errors[0];
  if (err) throw new SocdeckError('config_invalid', `${file}:${lines.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]}`, { file });
  const r = Pack.safeParse(doc.toJS());
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${file}:${lineOf(doc, lines, i.path)}: ${i.path.join('.') || '(pack)'}: ${i.message}`).join('\n');
    throw new SocdeckError('config_invalid', msg, { file });
  }
  return r.data.rules;
}

/** Every `*.yaml` pack in dir, in file-name order; rule ids must be unique across packs. */
export function loadRulePacks(dir: string): Rule[] {
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()) {
    const file = join(dir, f);
    for (const rule of parseRulePack(readFileSync(file, 'utf8'), file)) {
      const prev = seen.get(rule.id);
      if (prev) throw new SocdeckError('config_invalid', `${file}: rule ${rule.id} is already defined in ${prev}`, { file });
      seen.set(rule.id, file);
      rules.push(rule);
    }
  }
  return rules;
}
