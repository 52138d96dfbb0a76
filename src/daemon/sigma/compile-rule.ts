import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { ConditionError, compileCondition } from './sigma-condition.js';
import { compileFieldItem, SigmaCompileError } from './field-matcher.js';
import type { CompiledRule, Matcher, SigmaLintError, SigmaLogsource } from './sigma-types.js';

export type CompileResult = { ok: true; rule: CompiledRule } | { ok: false; errors: SigmaLintError[] };

/** Rule keys that ask for a feature this engine does not have: refused, never ignored. */
const REFUSED_TOP = { correlation: 'correlation rules are not supported', filter: 'filter rules (meta filters) are not supported' } as const;

/**
 * One Sigma rule file compiled to a matcher, or every error found, each at its file:line:col.
 * A rule is all-or-nothing: one unsupported construct refuses the whole rule, since matching
 * part of it would raise alerts the author never meant.
 */
export function compileRule(file: string, text: string): CompileResult {
  const lc = new LineCounter();
  const errors: SigmaLintError[] = [];
  const at = (offset: number, message: string): void => {
    const p = lc.linePos(offset);
    errors.push({ file, line: p.line, col: p.col, message });
  };
  const atNode = (node: Node | null | undefined, message: string): void => at(node?.range?.[0] ?? 0, message);
  const docs = parseAllDocuments(text, { lineCounter: lc });
  if (!Array.isArray(docs)) return { ok: false, errors: [{ file, line: 1, col: 1, message: 'empty file' }] };
  for (const d of docs) for (const e of d.errors) at(e.pos[0], e.message.split('\n')[0]!);
  if (errors.length > 0) return { ok: false, errors };
  if (docs.length !== 1) {
    atNode(docs[1]?.contents, 'rule collections (several YAML documents in one file) are not supported: one rule per file');
    return { ok: false, errors };
  }
  const root = docs[0]!.contents;
  if (!isMap(root)) {
    atNode(root, 'a Sigma rule is a YAML map');
    return { ok: false, errors };
  }
  for (const [key, message] of Object.entries(REFUSED_TOP)) if (root.has(key)) atNode(keyNode(root, key), message);
  const title = scalarString(root, 'title');
  if (title === undefined) atNode(root, 'missing "title"');
  const logsource = root.get('logsource', true);
  if (!isMap(logsource)) atNode(logsource ?? root, 'missing "logsource" map');
  const detection = root.get('detection', true);
  let matcher: Matcher | undefined;
  if (!isMap(detection)) atNode(detection ?? root, 'missing "detection" map');
  else matcher = compileDetection(detection, atNode);
  if (errors.length > 0 || !matcher || title === undefined) return { ok: false, errors };
  const plain = root.toJSON() as Record<string, unknown>;
  const ls = (plain.logsource ?? {}) as Record<string, unknown>;
  const logsrc: SigmaLogsource = {};
  for (const k of ['product', 'service', 'category'] as const) if (typeof ls[k] === 'string') logsrc[k] = (ls[k] as string).toLowerCase();
  const tags = Array.isArray(plain.tags) ? plain.tags.filter((t): t is string => typeof t === 'string') : [];
  const m = matcher;
  return {
    ok: true,
    rule: { file, id: typeof plain.id === 'string' ? plain.id : file, title, level: typeof plain.level === 'string' ? plain.level : 'medium', tags, logsource: logsrc, matches: m },
  };
}

function keyNode(map: YAMLMap, key: string): Node | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as Node | undefined;
}

function scalarString(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

type At = (node: Node | null | undefined, message: string) => void;

function compileDetection(detection: YAMLMap, atNode: At): Matcher | undefined {
  const selections = new Map<string, Matcher>();
  let conditionNode: Node | undefined;
  let failed = false;
  for (const pair of detection.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (name === 'condition') conditionNode = value ?? undefined;
    else if (name === 'timeframe') atNode(pair.key as Node, '"timeframe" only matters to aggregations and correlations, which are not supported');
    else {
      const m = compileSelection(value, atNode);
      if (m) selections.set(name, m);
      else failed = true;
    }
  }
  // The condition would only repeat that a broken selection is missing.
  if (failed) return undefined;
  if (!conditionNode) {
    atNode(detection, 'detection has no "condition"');
    return undefined;
  }
  const sources = isSeq(conditionNode) ? conditionNode.items : [conditionNode];
  const parts: Matcher[] = [];
  for (const c of sources) {
    if (!isScalar(c) || typeof c.value !== 'string') {
      atNode(c as Node, 'a condition is a string');
      continue;
    }
    try {
      parts.push(compileCondition(c.value, selections));
    } catch (err) {
      if (!(err instanceof ConditionError)) throw err;
      // Plain scalars start at their first character; quoted ones one later.
      const quote = c.type === 'QUOTE_DOUBLE' || c.type === 'QUOTE_SINGLE' ? 1 : 0;
      atNode({ range: [(c.range?.[0] ?? 0) + quote + err.offset, 0, 0] } as unknown as Node, `condition: ${err.message}`);
    }
  }
  if (parts.length !== sources.length) return undefined;
  // A list of conditions is any of them (each would be a query of its own).
  return parts.length === 1 ? parts[0] : (e) => parts.some((p) => p(e));
}

/** A selection: a map (all of its fields), a list of maps (any of them) or a list of keywords. */
function compileSelection(node: Node | null, atNode: At): Matcher | undefined {
  if (isMap(node)) return compileMap(node, atNode);
  if (isSeq(node)) {
    const items = node.items as Node[];
    if (items.length > 0 && items.every((n) => isScalar(n)))
      return guarded(
        () =>
          compileFieldItem(
            undefined,
            [],
            items.map((n) => (n as { value: unknown }).value),
          ),
        node,
        atNode,
      );
    const parts: Matcher[] = [];
    for (const n of items) {
      if (!isMap(n)) {
        atNode(n, 'a selection list holds either maps or plain keywords, not both');
        return undefined;
      }
      const m = compileMap(n, atNode);
      if (!m) return undefined;
      parts.push(m);
    }
    return (e) => parts.some((p) => p(e));
  }
  atNode(node, 'a selection is a map of fields or a list');
  return undefined;
}

function compileMap(map: YAMLMap, atNode: At): Matcher | undefined {
  const parts: Matcher[] = [];
  let ok = true;
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const [field, ...mods] = key.split('|');
    const vnode = pair.value as Node | null;
    const values = isSeq(vnode) ? vnode.items.map((n) => (isScalar(n) ? n.value : (n as Node).toJSON())) : [isScalar(vnode) ? vnode.value : vnode === null ? null : vnode.toJSON()];
    const m = guarded(() => compileFieldItem(field === '' ? undefined : field, mods, values), pair.key as Node, atNode);
    if (m) parts.push(m);
    else ok = false;
  }
  if (!ok) return undefined;
  return (e) => parts.every((p) => p(e));
}

function guarded(make: () => Matcher, node: Node, atNode: At): Matcher | undefined {
  try {
    return make();
  } catch (err) {
    if (!(err instanceof SigmaCompileError)) throw err;
    atNode(node, err.message);
    return undefined;
  }
}
