import { compareDigits, VersionParseError } from './version-error.js';

/**
 * Maven's ComparableVersion (maven-artifact 3.x): the version is split on `.`, `-` and
 * digit/letter transitions into a tree of numbers, qualifiers and sub-lists; well-known
 * qualifiers have a fixed order (alpha < beta < milestone < rc < snapshot < release < sp),
 * unknown ones sort after them alphabetically, and trailing "null" items (0, "", ga, final)
 * are dropped so that 1 == 1.0 == 1-ga.
 */
type Item = { kind: 'int'; value: string } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function stringItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { kind: 'string', value: ALIASES[v] ?? v };
}

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function parseItem(s: string): Item {
  return /^\d+$/.test(s) ? { kind: 'int', value: s.replace(/^0+(?=\d)/, '') } : stringItem(s, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return /^0+$/.test(item.value);
  if (item.kind === 'string') return comparableQualifier(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i] as Item;
    if (isNull(item)) list.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

export function parseMaven(version: string): Item[] {
  const v = version.trim().toLowerCase();
  if (v === '') throw new VersionParseError('maven', version, 'empty version');
  if (/\s/.test(v)) throw new VersionParseError('maven', version, 'embedded whitespace');
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const push = (end: number) => list.push(end === start ? { kind: 'int', value: '0' } : parseItem(v.slice(start, end)));
  const openSublist = () => {
    const sub: Item[] = [];
    list.push({ kind: 'list', items: sub });
    list = sub;
    stack.push(sub);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (c === '.') {
      push(i);
      start = i + 1;
    } else if (c === '-') {
      push(i);
      start = i + 1;
      openSublist();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(stringItem(v.slice(start, i), true));
        start = i;
        openSublist();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(v.slice(start, i)));
        start = i;
        openSublist();
      }
      isDigit = false;
    }
  }
  if (v.length > start) list.push(parseItem(v.slice(start)));
  while (stack.length > 0) normalize(stack.pop() as Item[]);
  return root;
}

function compareItem(a: Item | undefined, b: Item | undefined): -1 | 0 | 1 {
  if (a === undefined) return b === undefined ? 0 : (-compareItem(b, undefined) as -1 | 0 | 1);
  switch (a.kind) {
    case 'int':
      if (b === undefined) return isNull(a) ? 0 : 1;
      return b.kind === 'int' ? compareDigits(a.value, b.value) : 1;
    case 'string': {
      if (b === undefined) return cmp(comparableQualifier(a.value), RELEASE_INDEX);
      if (b.kind === 'string') return cmp(comparableQualifier(a.value), comparableQualifier(b.value));
      return -1;
    }
    case 'list': {
      if (b === undefined) return a.items.length === 0 ? 0 : compareItem(a.items[0], undefined);
      if (b.kind === 'int') return -1;
      if (b.kind === 'string') return 1;
      return compareLists(a.items, b.items);
    }
  }
}

function compareLists(a: Item[], b: Item[]): -1 | 0 | 1 {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareItem(a[i], b[i]);
    if (d !== 0) return d;
  }
  return 0;
}

function cmp(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMaven(a: string, b: string): -1 | 0 | 1 {
  return compareLists(parseMaven(a), parseMaven(b));
}
