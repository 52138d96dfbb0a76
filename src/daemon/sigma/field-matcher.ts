import { BlockList, isIP } from 'node:net';
import type { Matcher, SigmaEvent } from './sigma-types.js';
import { literalPattern, wildcardRegExp } from './sigma-wildcard.js';

/** Modifiers this engine implements; any other is refused by the linter rather than ignored. */
export const SUPPORTED_MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'base64',
  'base64offset',
  'windash',
  're',
  'i',
  'm',
  's',
  'cidr',
  'exists',
  'cased',
  'lt',
  'lte',
  'gt',
  'gte',
] as const;
type Modifier = (typeof SUPPORTED_MODIFIERS)[number];

const NUMERIC = { lt: (a: number, b: number) => a < b, lte: (a: number, b: number) => a <= b, gt: (a: number, b: number) => a > b, gte: (a: number, b: number) => a >= b } as const;
/** The dashes Windows command lines accept in place of `-` (pySigma's windash set). */
const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

/** Thrown while compiling a detection item: the caller adds where in the file it is. */
export class SigmaCompileError extends Error {}

type ValuePredicate = (v: unknown) => boolean;

/** A field's value: a flat key first (mappings produce `winlog.event_id`-style keys too), then a dotted path. */
export function fieldValue(fields: Record<string, unknown>, name: string): unknown {
  if (name in fields) return fields[name];
  let cur: unknown = fields;
  for (const part of name.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * One `field|mod|mod: value(s)` item. Without a field the values search the whole line
 * (keywords). A list means any of its values unless `all` is given.
 */
export function compileFieldItem(field: string | undefined, modifiers: readonly string[], values: readonly unknown[]): Matcher {
  for (const m of modifiers) if (!(SUPPORTED_MODIFIERS as readonly string[]).includes(m)) throw new SigmaCompileError(`unsupported modifier "${m}" (supported: ${SUPPORTED_MODIFIERS.join(', ')})`);
  const mods = new Set(modifiers as Modifier[]);
  // Keywords are searched for anywhere in the line, as the backends' full-text search does.
  if (field === undefined && !['contains', 'startswith', 'endswith', 're', 'cidr'].some((m) => mods.has(m as Modifier))) mods.add('contains');
  if (values.length === 0) throw new SigmaCompileError(`${field ?? 'keyword'} has an empty value list`);
  const all = mods.has('all');
  const preds = all ? values.map((v) => valuePredicate(mods, v)) : anyValuePredicates(mods, values);
  const test = (v: unknown): boolean => (all ? preds.every((p) => anyElement(v, p)) : preds.some((p) => anyElement(v, p)));
  if (field === undefined) return (e: SigmaEvent) => test(e.raw);
  return (e: SigmaEvent) => test(fieldValue(e.fields, field));
}

/** Modifiers whose values cannot share one regular expression. */
const OWN_PREDICATE: readonly Modifier[] = ['exists', 'lt', 'lte', 'gt', 'gte', 're', 'cidr'];

/**
 * Predicates for a list where any value may match: the plain values (the long keyword and
 * `contains` lists of web and shell rules) become one alternation, tested once per field instead
 * of once per value; the same modifiers apply to every value of an item, so their flags agree.
 */
function anyValuePredicates(mods: Set<Modifier>, values: readonly unknown[]): ValuePredicate[] {
  if (OWN_PREDICATE.some((m) => mods.has(m))) return values.map((v) => valuePredicate(mods, v));
  const plain = values.filter((v) => v !== null && typeof v !== 'object');
  const preds = values.filter((v) => !plain.includes(v)).map((v) => valuePredicate(mods, v));
  if (plain.length > 0)
    preds.push(
      patternPredicate(
        mods,
        plain.flatMap((v) => transform(String(v), mods)),
      ),
    );
  return preds;
}

function anyElement(v: unknown, p: ValuePredicate): boolean {
  return Array.isArray(v) ? (v.length === 0 ? p(undefined) : v.some(p)) : p(v);
}

function valuePredicate(mods: Set<Modifier>, value: unknown): ValuePredicate {
  if (mods.has('exists')) {
    if (typeof value !== 'boolean') throw new SigmaCompileError('exists takes true or false');
    return (v) => (v !== undefined && v !== null) === value;
  }
  if (value === null) return (v) => v === undefined || v === null || v === '';
  for (const op of ['lt', 'lte', 'gt', 'gte'] as const) {
    if (!mods.has(op)) continue;
    if (typeof value !== 'number') throw new SigmaCompileError(`${op} takes a number, not ${JSON.stringify(value)}`);
    return (v) => v !== undefined && v !== null && v !== '' && NUMERIC[op](Number(v), value);
  }
  if (typeof value === 'object') throw new SigmaCompileError(`a value must be a string, number, boolean or null, not ${JSON.stringify(value)}`);
  const text = String(value);
  if (mods.has('re')) return regexPredicate(text, mods);
  if (mods.has('cidr')) return cidrPredicate(text);
  return patternPredicate(mods, transform(text, mods));
}

/** True when the value matches any of the wildcard patterns, all compiled into one expression. */
function patternPredicate(mods: Set<Modifier>, patterns: readonly string[]): ValuePredicate {
  const contains = mods.has('contains');
  const regexes = patterns.map((p) => wildcardRegExp(p, { prefix: contains || mods.has('endswith'), suffix: contains || mods.has('startswith'), cased: mods.has('cased') }));
  const re = regexes.length === 1 ? regexes[0]! : new RegExp(regexes.map((r) => `(?:${r.source})`).join('|'), regexes[0]!.flags);
  return (v) => v !== undefined && v !== null && typeof v !== 'object' && re.test(String(v));
}

/** The value as the patterns to look for, after base64/base64offset/windash. */
function transform(text: string, mods: Set<Modifier>): string[] {
  if (mods.has('base64')) return [literalPattern(Buffer.from(text).toString('base64'))];
  if (mods.has('base64offset')) return base64Offsets(text).map(literalPattern);
  if (mods.has('windash')) return windashVariants(text);
  return [text];
}

/** The value's base64 at the three byte alignments it can have inside a longer encoded string. */
export function base64Offsets(text: string): string[] {
  const start = [0, 2, 3];
  const end = [0, -3, -2];
  const len = Buffer.byteLength(text);
  return [0, 1, 2].map((i) => {
    const b64 = Buffer.from(' '.repeat(i) + text).toString('base64');
    const cut = end[(len + i) % 3]!;
    return b64.slice(start[i], cut === 0 ? undefined : cut);
  });
}

/** Every spelling of the value with each option dash (`-` or `/` starting a word) swapped for the others. */
export function windashVariants(text: string): string[] {
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) if ((text[i] === '-' || text[i] === '/') && (i === 0 || /\s/.test(text[i - 1]!))) at.push(i);
  let out = [text];
  for (const pos of at) out = out.flatMap((s) => DASHES.map((d) => s.slice(0, pos) + d + s.slice(pos + 1)));
  return out;
}

function regexPredicate(source: string, mods: Set<Modifier>): ValuePredicate {
  // PCRE's leading inline flags are common in rules; JS takes them as flags instead.
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  let flags = [...(inline?.[1] ?? '')].filter((f) => f !== 'x').join('');
  for (const f of ['i', 'm', 's'] as const) if (mods.has(f) && !flags.includes(f)) flags += f;
  let re: RegExp;
  try {
    re = new RegExp(inline ? source.slice(inline[0].length) : source, flags);
  } catch (err) {
    throw new SigmaCompileError(`invalid regular expression: ${(err as Error).message}`);
  }
  return (v) => v !== undefined && v !== null && typeof v !== 'object' && re.test(String(v));
}

function cidrPredicate(cidr: string): ValuePredicate {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  const family = m ? isIP(m[1]!) : 0;
  if (!m || family === 0 || Number(m[2]) > (family === 4 ? 32 : 128)) throw new SigmaCompileError(`"${cidr}" is not a CIDR network (e.g. 10.0.0.0/8)`);
  const list = new BlockList();
  list.addSubnet(m[1]!, Number(m[2]), family === 4 ? 'ipv4' : 'ipv6');
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return (v) => {
    if (typeof v !== 'string') return false;
    const f = isIP(v);
    return f !== 0 && (f === 4) === (type === 'ipv4') && list.check(v, type);
  };
}
