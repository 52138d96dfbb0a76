import { FilterError } from './filter-error.js';

export type Token =
  | { kind: 'or' | 'not' | 'lparen' | 'rparen'; col: number }
  /** A bare word or `field<op>value`; `bare` counts the leading characters that were not quoted. */
  | { kind: 'word'; text: string; bare: number; col: number };

/** Upper bound on filter length: the prompt is one line and the daemon accepts it from clients. */
export const MAX_FILTER_LENGTH = 1000;

const isSpace = (c: string) => c === ' ' || c === '\t';
const ENDS_WORD = new Set([' ', '\t', '|', '(', ')']);

/** Splits a filter into tokens with 1-based columns. Quotes may wrap a whole word or a value. */
export function lex(input: string): Token[] {
  if (input.length > MAX_FILTER_LENGTH) throw new FilterError(MAX_FILTER_LENGTH + 1, `filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    const col = i + 1;
    if (isSpace(c)) {
      i++;
    } else if (c === '|') {
      out.push({ kind: 'or', col });
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', col });
      i++;
    } else if (c === '!') {
      out.push({ kind: 'not', col });
      i++;
    } else {
      let text = '';
      let bare = -1;
      while (i < input.length && !ENDS_WORD.has(input[i]!)) {
        if (input[i] === '"') {
          const close = input.indexOf('"', i + 1);
          if (close < 0) throw new FilterError(i + 1, 'unterminated quote: add a closing "');
          if (bare < 0) bare = text.length;
          text += input.slice(i + 1, close);
          i = close + 1;
        } else {
          text += input[i];
          i++;
        }
      }
      out.push({ kind: 'word', text, bare: bare < 0 ? text.length : bare, col });
    }
  }
  return out;
}
