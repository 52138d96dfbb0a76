import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { SocdeckError } from '../../shared/errors.js';
import type { Severity } from '../../shared/severity.js';
import { PACKAGE_ROOT } from '../config.js';
import { RuleFile, type AllowlistSpec, type RuleSpec } from './rule-schema.js';

export const DEFAULT_RULES_FILE = join(PACKAGE_ROOT, 'config', 'leaks', 'rules.yaml');

export interface Allowlist {
  paths: RegExp[];
  values: Set<string>;
  valueRegexes: RegExp[];
  stopwords: string[];
}

export interface CompiledRule {
  id: string;
  provider: string;
  title: string;
  severity: Severity;
  re: RegExp;
  secretGroup: number;
  keywords: string[];
  entropy: number | undefined;
  checksum: RuleSpec['checksum'];
  normalize: RuleSpec['normalize'];
  requires: RuleSpec['requires'];
  generic: boolean;
  verify: RuleSpec['verify'];
  allowlist: Allowlist | undefined;
  /** Position in the file; on overlapping matches the earlier rule wins. */
  order: number;
}

export interface RuleSet {
  rules: CompiledRule[];
  /** Every keyword of every rule, longest first, as one case-insensitive alternation. */
  keywordRe: RegExp | undefined;
  keywords: string[];
  byId: ReadonlyMap<string, CompiledRule>;
  allowlist: Allowlist;
  /** Applies to generic rules on top of `allowlist`. */
  genericAllowlist: Allowlist;
  source: string;
}

type Locate = (path: (string | number)[]) => string;

function compileRegex(src: string, flags: string, where: string): RegExp {
  try {
    // d: capture-group offsets, so a finding points at the secret and not at its keyword.
    return new RegExp(src, `${flags}gd`);
  } catch (err) {
    throw new SocdeckError('config_invalid', `${where}: invalid regex: ${(err as Error).message}`);
  }
}

function compileAllowlist(spec: AllowlistSpec, where: string): Allowlist {
  return {
    paths: spec.paths.map((p, i) => compileRegex(p, '', `${where}.paths[${i}]`)),
    values: new Set(spec.values),
    valueRegexes: spec.valueRegexes.map((p, i) => compileRegex(p, 'i', `${where}.valueRegexes[${i}]`)),
    stopwords: spec.stopwords.map((s) => s.toLowerCase()),
  };
}

/** Validates and compiles a parsed rule document; `locate` names file:line for a key path. */
export function compileRuleSet(doc: unknown, source: string, locate: Locate = () => `${source}: `): RuleSet {
  const parsed = RuleFile.safeParse(doc);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${locate(i.path as (string | number)[])}${i.path.join('.')}: ${i.message}`).join('\n');
    throw new SocdeckError('config_invalid', msg);
  }
  const byId = new Map<string, CompiledRule>();
  const rules = parsed.data.rules.map((r, i): CompiledRule => {
    const where = `${locate(['rules', i])}rules[${i}] (${r.id})`;
    if (byId.has(r.id)) throw new SocdeckError('config_invalid', `${where}: duplicate rule id`);
    const re = compileRegex(r.regex, r.flags, where);
    const groups = new RegExp(`${r.regex}|`, r.flags).exec('')!.length - 1;
    if (r.secretGroup > groups) throw new SocdeckError('config_invalid', `${where}: secretGroup ${r.secretGroup} but the regex has ${groups} groups`);
    const rule: CompiledRule = {
      id: r.id,
      provider: r.provider,
      title: r.title,
      severity: r.severity,
      re,
      secretGroup: r.secretGroup,
      keywords: r.keywords.map((k) => k.toLowerCase()),
      entropy: r.entropy,
      checksum: r.checksum,
      normalize: r.normalize,
      requires: r.requires,
      generic: r.generic,
      verify: r.verify,
      allowlist: r.allowlist ? compileAllowlist(r.allowlist, `${where}.allowlist`) : undefined,
      order: i,
    };
    byId.set(r.id, rule);
    return rule;
  });
  for (const r of rules) {
    if (r.requires && !byId.has(r.requires.rule)) {
      throw new SocdeckError('config_invalid', `${locate(['rules', r.order, 'requires'])}rules[${r.order}].requires.rule: unknown rule ${r.requires.rule}`);
    }
  }
  const keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length);
  const keywordRe = keywords.length ? new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi') : undefined;
  return {
    rules,
    byId,
    keywordRe,
    keywords,
    allowlist: compileAllowlist(parsed.data.allowlist, `${source}: allowlist`),
    genericAllowlist: compileAllowlist(parsed.data.genericAllowlist, `${source}: genericAllowlist`),
    source,
  };
}

/** Finds the line of a key path in a YAML document, for error messages. */
function locator(file: string, root: Node | null, lines: LineCounter): Locate {
  return (path) => {
    let node: unknown = root;
    let range: [number, number, number] | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
        if (!pair) break;
        range = (pair.key as Node).range ?? range;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        range = (node as Node | undefined)?.range ?? range;
      } else break;
    }
    return range ? `${file}:${lines.linePos(range[0]).line}: ` : `${file}: `;
  };
}

export function loadRuleSet(file: string = DEFAULT_RULES_FILE): RuleSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SocdeckError('config_invalid', `leak rules file ${file}: ${(err as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const first = doc.errors[0];
  if (first) throw new SocdeckError('config_invalid', `${file}:${lines.linePos(first.pos[0]).line}: ${first.message.split('\n')[0]}`);
  return compileRuleSet(doc.toJS(), file, locator(file, doc.contents, lines));
}
