import { FilterError } from './filter-error.js';
import { lex, type Token } from './lexer.js';

export const COMPARATORS = ['>=', '<=', '!=', ':', '=', '>', '<'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export type FilterNode =
  | { kind: 'and' | 'or'; items: FilterNode[] }
  | { kind: 'not'; item: FilterNode }
  | { kind: 'text'; text: string; col: number }
  | { kind: 'field'; field: string; op: Comparator; value: string; col: number; valueCol: number };

/** `sev>=high` → field term; anything else (or a quoted `"a:b"`) is free text. */
function termOf(tok: Extract<Token, { kind: 'word' }>): FilterNode {
  const m = /^([a-z][a-z_]*)(>=|<=|!=|:|=|>|<)/i.exec(tok.text.slice(0, tok.bare + 2));
  if (!m || m[0].length > tok.bare) return { kind: 'text', text: tok.text, col: tok.col };
  const [whole, field = '', op = ':'] = m;
  const value = tok.text.slice(whole.length);
  if (value === '') throw new FilterError(tok.col + whole.length, `${field}${op} needs a value`);
  return { kind: 'field', field: field.toLowerCase(), op: op as Comparator, value, col: tok.col, valueCol: tok.col + whole.length };
}

/**
 * Grammar: or := and ('|' and)* ; and := unary+ ; unary := '!' unary | '(' or ')' | word.
 * Spaces AND terms together and bind tighter than `|`, as in k9s and most SIEM search boxes.
 */
export function parseFilter(input: string): FilterNode | undefined {
  const tokens = lex(input);
  if (tokens.length === 0) return undefined;
  let pos = 0;
  const peek = () => tokens[pos];
  const endCol = input.length + 1;

  const parseOr = (): FilterNode => {
    const items = [parseAnd()];
    while (peek()?.kind === 'or') {
      pos++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };

  const parseAnd = (): FilterNode => {
    const items: FilterNode[] = [];
    for (let t = peek(); t && t.kind !== 'or' && t.kind !== 'rparen'; t = peek()) items.push(parseUnary());
    if (items.length === 0) {
      const t = peek();
      throw new FilterError(t?.col ?? endCol, t?.kind === 'rparen' ? 'empty group or unmatched )' : 'expected a term after |');
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  };

  const parseUnary = (): FilterNode => {
    const t = tokens[pos++];
    if (!t) throw new FilterError(endCol, 'expected a term');
    if (t.kind === 'not') {
      const next = peek();
      if (!next || next.kind === 'or' || next.kind === 'rparen') throw new FilterError(t.col, '! must be followed by a term');
      return { kind: 'not', item: parseUnary() };
    }
    if (t.kind === 'lparen') {
      const inner = parseOr();
      const close = tokens[pos++];
      if (close?.kind !== 'rparen') throw new FilterError(t.col, 'unclosed (: add a matching )');
      return inner;
    }
    if (t.kind === 'word') return termOf(t);
    throw new FilterError(t.col, t.kind === 'or' ? 'expected a term before |' : 'unmatched )');
  };

  const tree = parseOr();
  const rest = peek();
  if (rest) throw new FilterError(rest.col, rest.kind === 'rparen' ? 'unmatched )' : 'unexpected token');
  return tree;
}
