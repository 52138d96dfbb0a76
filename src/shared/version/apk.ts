import { compareDigits, VersionParseError } from './version-error.js';

/**
 * Alpine apk versions (apk-tools version.c): `1.2.3[letter][_suffix[N]]*[~hash][-rN]`.
 * Pre-release suffixes (alpha < beta < pre < rc) sort before the bare version, post-release
 * ones (cvs < svn < git < hg < p) after it.
 */
const SUFFIX_ORDER: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 1, svn: 2, git: 3, hg: 4, p: 5 };
const APK_RE = /^(\d+(?:\.\d+)*)([a-z])?((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:~[0-9a-f]+)?(?:-r(\d+))?$/;

interface ApkVersion {
  numbers: string[];
  letter: string;
  suffixes: [number, string][];
  revision: string;
}

export function parseApk(v: string): ApkVersion {
  const m = APK_RE.exec(v.trim());
  if (!m) throw new VersionParseError('apk', v, 'not an apk version (1.2.3[a][_rc1][-r0])');
  const suffixes = (m[3] ?? '')
    .split('_')
    .filter(Boolean)
    .map((s): [number, string] => {
      const sm = /^([a-z]+)(\d*)$/.exec(s) as RegExpExecArray;
      return [SUFFIX_ORDER[sm[1] as string] as number, sm[2] || '0'];
    });
  return { numbers: (m[1] as string).split('.'), letter: m[2] ?? '', suffixes, revision: m[4] ?? '0' };
}

export function compareApk(a: string, b: string): -1 | 0 | 1 {
  const x = parseApk(a);
  const y = parseApk(b);
  const n = Math.max(x.numbers.length, y.numbers.length);
  for (let i = 0; i < n; i++) {
    const p = x.numbers[i];
    const q = y.numbers[i];
    // More dotted components is newer: 1.2.1 > 1.2.
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const d = compareDigits(p, q);
    if (d !== 0) return d;
  }
  if (x.letter !== y.letter) return x.letter < y.letter ? -1 : 1;
  const m = Math.max(x.suffixes.length, y.suffixes.length);
  for (let i = 0; i < m; i++) {
    const [ka, na] = x.suffixes[i] ?? [0, '0'];
    const [kb, nb] = y.suffixes[i] ?? [0, '0'];
    if (ka !== kb) return ka < kb ? -1 : 1;
    const d = compareDigits(na, nb);
    if (d !== 0) return d;
  }
  return compareDigits(x.revision, y.revision);
}
