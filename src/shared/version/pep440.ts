import { compareDigits, VersionParseError } from './version-error.js';

// The canonical pattern from PEP 440 appendix B / packaging.version.VERSION_PATTERN.
const PEP440_RE = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
);

const PRE_LABEL: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' };

/** The sort key of packaging.version._cmpkey; `undefined` bounds stand in for ±infinity. */
interface Pep440Key {
  epoch: string;
  release: string[];
  /** -1: sorts before any pre-release (dev-only release), 1: no pre-release. */
  preBound: -1 | 0 | 1;
  pre: [string, string] | undefined;
  post: string | undefined;
  dev: string | undefined;
  local: string[] | undefined;
}

export function parsePep440(v: string): Pep440Key {
  const m = PEP440_RE.exec(v);
  const g = m?.groups;
  if (!g) throw new VersionParseError('pep440', v, 'does not match the PEP 440 version scheme');
  const release = (g.release as string).split('.');
  // Trailing zeros do not matter: 1.0 == 1.0.0.
  while (release.length > 1 && /^0+$/.test(release[release.length - 1] as string)) release.pop();
  const pre: [string, string] | undefined = g.pre_l ? [PRE_LABEL[g.pre_l.toLowerCase()] as string, g.pre_n ?? '0'] : undefined;
  const post = g.post ? (g.post_n1 ?? g.post_n2 ?? '0') : undefined;
  const dev = g.dev ? (g.dev_n ?? '0') : undefined;
  return {
    epoch: g.epoch ?? '0',
    release,
    preBound: pre ? 0 : !post && dev !== undefined ? -1 : 1,
    pre,
    post,
    dev,
    local: g.local ? g.local.toLowerCase().split(/[-_.]/) : undefined,
  };
}

function compareRelease(a: string[], b: string[]): -1 | 0 | 1 {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (d !== 0) return d;
  }
  return 0;
}

/** Absent = -infinity (post, local) or +infinity (dev), as in packaging. */
function compareOptional(a: string | undefined, b: string | undefined, absent: -1 | 1): -1 | 0 | 1 {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return absent;
  if (b === undefined) return absent === 1 ? -1 : 1;
  return compareDigits(a, b);
}

function compareLocal(a: string[] | undefined, b: string[] | undefined): -1 | 0 | 1 {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    // Numeric segments sort after alphanumeric ones; strings compare lexically.
    const d = xn && yn ? compareDigits(x, y) : xn ? 1 : yn ? -1 : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  return 0;
}

export function comparePep440(a: string, b: string): -1 | 0 | 1 {
  const x = parsePep440(a);
  const y = parsePep440(b);
  return (
    compareDigits(x.epoch, y.epoch) ||
    compareRelease(x.release, y.release) ||
    comparePre(x, y) ||
    compareOptional(x.post, y.post, -1) ||
    compareOptional(x.dev, y.dev, 1) ||
    compareLocal(x.local, y.local)
  );
}

function comparePre(x: Pep440Key, y: Pep440Key): -1 | 0 | 1 {
  if (x.preBound !== y.preBound) return x.preBound < y.preBound ? -1 : 1;
  if (!x.pre || !y.pre) return 0;
  if (x.pre[0] !== y.pre[0]) return x.pre[0] < y.pre[0] ? -1 : 1;
  return compareDigits(x.pre[1], y.pre[1]);
}
