import { compareApk } from './apk.js';
import { compareDpkg } from './dpkg.js';
import { compareGeneric } from './generic.js';
import { compareGo } from './go.js';
import { compareMaven } from './maven.js';
import { comparePep440 } from './pep440.js';
import { compareRpm } from './rpm.js';
import { compareSemver } from './semver.js';

export type Comparator = (a: string, b: string) => -1 | 0 | 1;

/** Every version scheme we compare exactly, by name (the names `socdeck vercmp --scheme` takes). */
export const SCHEMES = {
  dpkg: compareDpkg,
  rpm: compareRpm,
  apk: compareApk,
  semver: compareSemver,
  pep440: comparePep440,
  go: compareGo,
  maven: compareMaven,
  generic: compareGeneric,
} as const satisfies Record<string, Comparator>;
export type SchemeName = keyof typeof SCHEMES;
export const SCHEME_NAMES = Object.keys(SCHEMES) as SchemeName[];

/** OSV ecosystem base names (before any `:release` suffix) and the scheme their versions use. */
const ECOSYSTEM_SCHEMES: Record<string, SchemeName> = {
  debian: 'dpkg',
  ubuntu: 'dpkg',
  alpine: 'apk',
  'red hat': 'rpm',
  'rocky linux': 'rpm',
  almalinux: 'rpm',
  suse: 'rpm',
  opensuse: 'rpm',
  mageia: 'rpm',
  openeuler: 'rpm',
  npm: 'semver',
  'crates.io': 'semver',
  go: 'go',
  pypi: 'pep440',
  maven: 'maven',
};

/** Splits `Debian:7` / `Alpine:v3.16` into the base ecosystem and its release. */
export function splitEcosystem(ecosystem: string): { base: string; release: string | undefined } {
  const i = ecosystem.indexOf(':');
  return i < 0 ? { base: ecosystem, release: undefined } : { base: ecosystem.slice(0, i), release: ecosystem.slice(i + 1) };
}

export function schemeForEcosystem(ecosystem: string): SchemeName {
  return ECOSYSTEM_SCHEMES[splitEcosystem(ecosystem).base.toLowerCase()] ?? 'generic';
}
