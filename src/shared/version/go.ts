import { compareParsedSemver, parseSemver } from './semver.js';
import { VersionParseError } from './version-error.js';

/**
 * Go module versions (golang.org/x/mod/semver): canonical `vMAJOR.MINOR.PATCH` with SemVer
 * precedence. Pseudo-versions (`v0.0.0-20210101000000-abcdef123456`) are prereleases and so
 * sort by their timestamp; `+incompatible` is build metadata and ignored. OSV writes Go
 * versions without the `v`, so it is optional here.
 */
export function compareGo(a: string, b: string): -1 | 0 | 1 {
  return compareParsedSemver(parseGo(a), parseGo(b));
}

function parseGo(v: string) {
  const s = v.trim();
  // Go itself accepts the shorthands v1 and v1.2 as v1.0.0 / v1.2.0.
  const short = /^v?(\d+)(?:\.(\d+))?$/.exec(s);
  if (short) return parseSemver(`${short[1]}.${short[2] ?? '0'}.0`, 'go');
  if (s.startsWith('=')) throw new VersionParseError('go', v, 'unexpected "="');
  return parseSemver(s.replace(/^v/, ''), 'go');
}
