import { SocdeckError } from '../errors.js';
import { compileField, textPredicate, type AlertPredicate } from './fields.js';
import { FilterError } from './filter-error.js';
import { parseFilter, type FilterNode } from './parser.js';

export { FilterError } from './filter-error.js';
export { FILTER_FIELDS, type AlertPredicate, type MatchContext } from './fields.js';
export { formatAgo, parseDuration, parseUntil } from './duration.js';
export { MAX_FILTER_LENGTH } from './lexer.js';

export interface CompiledFilter {
  /** The text as typed, for headers and audit records. */
  text: string;
  match: AlertPredicate;
  /** Whether the same alert can start or stop matching as time passes (`age<1h`, `is:snoozed`). */
  timeRelative: boolean;
  /** Whether it asks about snoozed alerts, which a queue otherwise leaves out until they wake. */
  mentionsSnoozed: boolean;
}

function someTerm(n: FilterNode | undefined, pred: (t: Extract<FilterNode, { kind: 'field' }>) => boolean): boolean {
  if (!n) return false;
  switch (n.kind) {
    case 'and':
    case 'or':
      return n.items.some((i) => someTerm(i, pred));
    case 'not':
      return someTerm(n.item, pred);
    case 'text':
      return false;
    case 'field':
      return pred(n);
  }
}

function compileNode(n: FilterNode): AlertPredicate {
  switch (n.kind) {
    case 'and': {
      const items = n.items.map(compileNode);
      return (a, ctx) => items.every((p) => p(a, ctx));
    }
    case 'or': {
      const items = n.items.map(compileNode);
      return (a, ctx) => items.some((p) => p(a, ctx));
    }
    case 'not': {
      const inner = compileNode(n.item);
      return (a, ctx) => !inner(a, ctx);
    }
    case 'text':
      return textPredicate(n.text);
    case 'field':
      if (n.op === '!=') {
        const inner = compileField(n.field, ':', n.value, n.col, n.valueCol);
        return (a, ctx) => !inner(a, ctx);
      }
      return compileField(n.field, n.op, n.value, n.col, n.valueCol);
  }
}

/** Parses and compiles a filter; throws FilterError with a 1-based column. Empty text matches all. */
export function compileFilter(text: string): CompiledFilter {
  const tree = parseFilter(text);
  const snoozed = (t: { field: string; value: string }) => t.field === 'is' && t.value.toLowerCase() === 'snoozed';
  return {
    text: text.trim(),
    match: tree ? compileNode(tree) : () => true,
    timeRelative: someTerm(tree, (t) => t.field === 'age' || snoozed(t)),
    mentionsSnoozed: someTerm(tree, snoozed),
  };
}

/** Like compileFilter, but returns the error instead of throwing (for prompts that validate as you type). */
export function tryCompileFilter(text: string): CompiledFilter | FilterError {
  try {
    return compileFilter(text);
  } catch (err) {
    if (err instanceof FilterError) return err;
    throw err;
  }
}

/** A filter a client sent as the request parameter `field`: compiled, or invalid_params naming the field and column. */
export function compileFilterParam(text: string, field: string): CompiledFilter {
  try {
    return compileFilter(text);
  } catch (err) {
    if (err instanceof FilterError) throw new SocdeckError('invalid_params', `${field}: ${err.message}`, { field, column: err.column });
    throw err;
  }
}
