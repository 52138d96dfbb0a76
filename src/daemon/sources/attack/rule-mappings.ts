import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { TECHNIQUE_ID, type AttackHint } from '../../../shared/attack/attack-ref.js';
import { SocdeckError } from '../../../shared/errors.js';
import { PACKAGE_ROOT } from '../../config.js';

/** product -> rule id -> techniques, each `T1110` or `T1543@persistence` (a tactic the rule's author chose). */
export type RuleMappingTable = Record<string, Record<string, readonly string[]>>;

/** `T1543@persistence` -> hint; undefined when the text is not a technique id. */
export function parseMappingEntry(text: string): AttackHint | undefined {
  const [technique = '', tactic] = text.trim().split('@');
  if (!TECHNIQUE_ID.test(technique.toUpperCase())) return undefined;
  return tactic ? { technique: technique.toUpperCase(), tactic } : { technique: technique.toUpperCase() };
}

/**
 * ATT&CK for the rules whose product says nothing about it, keyed by product and rule id. Later
 * tables win per rule, so the config's `attack.mappings` can correct a shipped entry.
 */
export class RuleMappings {
  private readonly byKey = new Map<string, AttackHint[]>();

  add(table: RuleMappingTable): this {
    for (const [product, rules] of Object.entries(table)) {
      for (const [ruleId, entries] of Object.entries(rules))
        this.byKey.set(
          `${product}\u0000${ruleId}`,
          entries.flatMap((e) => parseMappingEntry(e) ?? []),
        );
    }
    return this;
  }

  /** The exact rule id, else `<prefix>:*` for rule ids shaped `<prefix>:<detail>` (e.g. a CWP event type). */
  lookup(product: string, ruleId: string): readonly AttackHint[] {
    const exact = this.byKey.get(`${product}\u0000${ruleId}`);
    if (exact) return exact;
    const cut = ruleId.indexOf(':');
    return (cut > 0 && this.byKey.get(`${product}\u0000${ruleId.slice(0, cut)}:*`)) || [];
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** A mapping file: YAML `product: {ruleId: [T...]}`; every bad entry is named by file:line. */
export function loadMappingFile(file: string): RuleMappingTable {
  const abs = isAbsolute(file) ? file : join(PACKAGE_ROOT, file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new SocdeckError('config_invalid', `ATT&CK mapping file ${file}: ${(err as Error).message}`, { file });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const fail = (node: Node | null | undefined, msg: string): never => {
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    throw new SocdeckError('config_invalid', `${file}:${pos.line}: ${msg}`, { file, line: pos.line });
  };
  if (doc.errors[0]) fail(null, doc.errors[0].message.split('\n')[0]!);
  const table: RuleMappingTable = {};
  if (doc.contents === null) return table;
  if (!isMap(doc.contents)) return fail(doc.contents, 'top level must map product -> rule id -> [techniques]');
  for (const p of doc.contents.items) {
    const product = String(isScalar(p.key) ? p.key.value : '');
    if (!isMap(p.value)) fail(p.value as Node, `${product}: must map rule id -> [techniques]`);
    const rules: Record<string, readonly string[]> = (table[product] ??= {});
    for (const r of (p.value as { items: { key: unknown; value: unknown }[] }).items) {
      const ruleId = String(isScalar(r.key) ? r.key.value : '');
      const list = r.value as Node;
      if (!isSeq(list)) fail(list, `${product}.${ruleId}: must be a list of technique ids`);
      rules[ruleId] = (list as unknown as { items: Node[] }).items.map((item) => {
        const v = isScalar(item) ? String(item.value) : '';
        if (!parseMappingEntry(v)) fail(item, `${product}.${ruleId}: "${v}" is not a technique id (T1110, T1110.001, T1543@persistence)`);
        return v;
      });
    }
  }
  return table;
}
