import { compareDigits, sign, VersionParseError } from './version-error.js';

interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

/** Splits `[epoch:]upstream[-revision]` the way dpkg's parseversion() does. */
export function parseDpkg(v: string): DpkgVersion {
  const s = v.trim();
  if (s === '') throw new VersionParseError('dpkg', v, 'empty version');
  if (/\s/.test(s)) throw new VersionParseError('dpkg', v, 'embedded whitespace');
  const colon = s.indexOf(':');
  const epoch = colon >= 0 ? s.slice(0, colon) : '0';
  if (!/^\d+$/.test(epoch)) throw new VersionParseError('dpkg', v, 'epoch is not a number');
  const rest = colon >= 0 ? s.slice(colon + 1) : s;
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream === '') throw new VersionParseError('dpkg', v, 'empty upstream version');
  if (/[^A-Za-z0-9.+~:-]/.test(upstream) || /[^A-Za-z0-9.+~]/.test(revision)) {
    throw new VersionParseError('dpkg', v, 'invalid character');
  }
  return { epoch, upstream, revision };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

/** dpkg's order(): `~` before end-of-string, letters before other symbols. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (isAlpha(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

/** Port of dpkg's verrevcmp (lib/dpkg/version.c). */
function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    const si = i;
    const sj = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    const d = compareDigits(a.slice(si, i), b.slice(sj, j));
    if (d !== 0) return d;
  }
  return 0;
}

export function compareDpkg(a: string, b: string): -1 | 0 | 1 {
  const x = parseDpkg(a);
  const y = parseDpkg(b);
  return compareDigits(x.epoch, y.epoch) || sign(verrevcmp(x.upstream, y.upstream)) || sign(verrevcmp(x.revision, y.revision));
}
