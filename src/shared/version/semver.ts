import { compareDigits, VersionParseError } from './version-error.js';

export interface SemVer {
  major: string;
  minor: string;
  patch: string;
  prerelease: string[];
  build: string[];
}

// SemVer 2.0.0 grammar (semver.org, "Is there a suggested regular expression").
const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Parses SemVer 2.0; `v` and `=` prefixes are accepted as npm's semver does. */
export function parseSemver(v: string, scheme = 'semver'): SemVer {
  const s = v.trim().replace(/^[=v]+/, '');
  const m = SEMVER_RE.exec(s);
  if (!m) throw new VersionParseError(scheme, v, 'not MAJOR.MINOR.PATCH[-prerelease][+build]');
  return {
    major: m[1] as string,
    minor: m[2] as string,
    patch: m[3] as string,
    prerelease: m[4] ? m[4].split('.') : [],
    build: m[5] ? m[5].split('.') : [],
  };
}

const NUMERIC = /^\d+$/;

function compareIdentifier(a: string, b: string): -1 | 0 | 1 {
  const an = NUMERIC.test(a);
  const bn = NUMERIC.test(b);
  if (an && bn) return compareDigits(a, b);
  // Numeric identifiers always have lower precedence than alphanumeric ones.
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareParsedSemver(x: SemVer, y: SemVer): -1 | 0 | 1 {
  const core = compareDigits(x.major, y.major) || compareDigits(x.minor, y.minor) || compareDigits(x.patch, y.patch);
  if (core !== 0) return core;
  // A prerelease sorts before its release; build metadata never affects precedence.
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return x.prerelease.length === y.prerelease.length ? 0 : x.prerelease.length === 0 ? 1 : -1;
  }
  const n = Math.max(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < n; i++) {
    const a = x.prerelease[i];
    const b = y.prerelease[i];
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    const d = compareIdentifier(a, b);
    if (d !== 0) return d;
  }
  return 0;
}

export function compareSemver(a: string, b: string): -1 | 0 | 1 {
  return compareParsedSemver(parseSemver(a), parseSemver(b));
}
