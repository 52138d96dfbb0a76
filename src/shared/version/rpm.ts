import { compareDigits, sign, VersionParseError } from './version-error.js';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isAlpha(c);

/**
 * Port of rpmvercmp (rpmio/rpmvercmp.c, rpm >= 4.15): alternating digit / letter segments,
 * separators ignored, `~` sorts before everything (even the end), `^` after the end but
 * before any further segment.
 */
export function rpmvercmp(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    const numeric = isDigit(a[i]);
    const test = numeric ? isDigit : isAlpha;
    const si = i;
    const sj = j;
    while (i < a.length && test(a[i])) i++;
    while (j < b.length && test(b[j])) j++;
    const x = a.slice(si, i);
    const y = b.slice(sj, j);
    // Segments of different types: numbers are newer than letters.
    if (y === '') return numeric ? 1 : -1;
    const d = numeric ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

interface Evr {
  epoch: string;
  version: string;
  release: string;
}

/** Splits `[epoch:]version[-release]`; a missing epoch is 0. */
export function parseEvr(v: string): Evr {
  const s = v.trim();
  if (s === '') throw new VersionParseError('rpm', v, 'empty version');
  const colon = s.indexOf(':');
  const epoch = colon >= 0 ? s.slice(0, colon) || '0' : '0';
  if (!/^\d+$/.test(epoch)) throw new VersionParseError('rpm', v, 'epoch is not a number');
  const rest = colon >= 0 ? s.slice(colon + 1) : s;
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  if (version === '') throw new VersionParseError('rpm', v, 'empty version part');
  return { epoch, version, release: dash >= 0 ? rest.slice(dash + 1) : '' };
}

/** Compares full EVR strings: epoch numerically, then version, then release with rpmvercmp. */
export function compareRpm(a: string, b: string): -1 | 0 | 1 {
  const x = parseEvr(a);
  const y = parseEvr(b);
  return compareDigits(x.epoch, y.epoch) || rpmvercmp(x.version, y.version) || sign(rpmvercmp(x.release, y.release));
}
