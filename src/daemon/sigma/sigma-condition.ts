import { SigmaCompileError } from './field-matcher.js';
import type { Matcher } from './sigma-types.js';

/** A condition error: `offset` is the 0-based character in the condition string. */
export class ConditionError extends SigmaCompileError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Token {
  text: string;
  at: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', '1', 'all', '(', ')']);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*([()|]|[^\s()|]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    if (m[1] === undefined) break;
    out.push({ text: m[1], at: m.index + m[0].length - m[1].length });
  }
  return out;
}

/**
 * `condition:` compiled against the rule's selections: and/or/not (not binds tightest, then
 * and), parentheses, `1 of X*` / `all of X*` / `1 of them` / `all of them` (them leaves out
 * selections named `_...`, as the spec says). Aggregations (`| count() ...`) and `near` are
 * refused with the column they start at.
 */
export function compileCondition(src: string, selections: ReadonlyMap<string, Matcher>): Matcher {
  const toks = tokenize(src);
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const fail = (msg: string, t = peek()): never => {
    throw new ConditionError(msg, t ? t.at : src.length);
  };
  for (const t of toks) {
    if (t.text === '|') fail('aggregations (`| count() ...`) are not supported: the rule needs a correlation engine', t);
    if (t.text.toLowerCase() === 'near') fail('`near` is not supported', t);
  }
  const expectWord = (w: string): void => {
    if (peek()?.text.toLowerCase() !== w) fail(`expected "${w}"${peek() ? ` but found "${peek()!.text}"` : ' at the end'}`);
    i++;
  };
  const quantified = (): Matcher => {
    const q = toks[i]!.text.toLowerCase();
    i++;
    expectWord('of');
    const target = peek() ?? fail('expected a selection pattern or "them" after "of"');
    i++;
    const names = target.text.toLowerCase() === 'them' ? [...selections.keys()].filter((n) => !n.startsWith('_')) : matchNames(target.text);
    if (names.length === 0) fail(`no selection matches "${target.text}"`, target);
    const ms = names.map((n) => selections.get(n)!);
    return q === 'all' ? (e) => ms.every((m) => m(e)) : (e) => ms.some((m) => m(e));
  };
  const matchNames = (pattern: string): string[] => {
    const re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return [...selections.keys()].filter((n) => re.test(n));
  };
  const primary = (): Matcher => {
    const t = peek() ?? fail('the condition ends where a selection was expected');
    const w = t.text.toLowerCase();
    if (w === '(') {
      i++;
      const inner = orExpr();
      if (peek()?.text !== ')') fail('missing ")"');
      i++;
      return inner;
    }
    if (w === 'not') {
      i++;
      const inner = primary();
      return (e) => !inner(e);
    }
    if ((w === '1' || w === 'all') && toks[i + 1]?.text.toLowerCase() === 'of') return quantified();
    if (KEYWORDS.has(w)) fail(`unexpected "${t.text}"`, t);
    const sel = selections.get(t.text) ?? fail(`no selection named "${t.text}" in detection`, t);
    i++;
    return sel;
  };
  const andExpr = (): Matcher => {
    const parts = [primary()];
    while (peek()?.text.toLowerCase() === 'and') {
      i++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0]! : (e) => parts.every((p) => p(e));
  };
  const orExpr = (): Matcher => {
    const parts = [andExpr()];
    while (peek()?.text.toLowerCase() === 'or') {
      i++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? parts[0]! : (e) => parts.some((p) => p(e));
  };
  if (toks.length === 0) fail('the condition is empty');
  const m = orExpr();
  if (i < toks.length) fail(`unexpected "${toks[i]!.text}"`);
  return m;
}
