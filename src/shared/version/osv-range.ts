import { SCHEMES, schemeForEcosystem, type Comparator, type SchemeName } from './schemes.js';

/** The parts of an OSV `affected[]` entry that decide whether a version is affected. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}
export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT' | string;
  events: OsvEvent[];
}
export interface OsvAffected {
  package?: { ecosystem: string; name: string };
  ranges?: OsvRange[];
  versions?: string[];
}

/** Why a version was found affected: the interval or list entry that contained it. */
export interface RangeEvidence {
  kind: 'range' | 'versions';
  type: string;
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
  /** Human-readable, e.g. `>=2.0.0, <2.17.1`. */
  text: string;
}

export type Verdict = { affected: true; evidence: RangeEvidence } | { affected: false; unevaluated?: string };

interface Boundary {
  kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  version: string;
}

function boundaries(events: OsvEvent[]): Boundary[] {
  const out: Boundary[] = [];
  for (const e of events) {
    if (e.introduced !== undefined) out.push({ kind: 'introduced', version: e.introduced });
    if (e.fixed !== undefined) out.push({ kind: 'fixed', version: e.fixed });
    if (e.last_affected !== undefined) out.push({ kind: 'last_affected', version: e.last_affected });
    if (e.limit !== undefined) out.push({ kind: 'limit', version: e.limit });
  }
  return out;
}

/** Comparison with OSV's "0" meaning "before every version". */
function compareEvent(cmp: Comparator, a: string, b: string): number {
  if (a === '0' || b === '0') return a === b ? 0 : a === '0' ? -1 : 1;
  return cmp(a, b);
}

/**
 * The OSV schema's evaluation algorithm for one ECOSYSTEM or SEMVER range: walk the events
 * sorted by version; `introduced` opens an interval, `fixed` (exclusive) and `last_affected`
 * (inclusive) close it; `limit` caps the whole range. Throws if a version does not parse.
 */
export function evaluateRange(range: OsvRange, version: string, cmp: Comparator): RangeEvidence | undefined {
  const sorted = boundaries(range.events).sort((a, b) => compareEvent(cmp, a.version, b.version));
  const limits = sorted.filter((b) => b.kind === 'limit');
  if (limits.some((l) => l.version !== '*' && compareEvent(cmp, version, l.version) >= 0)) return undefined;
  let open: Boundary | undefined;
  let hit: Boundary | undefined;
  for (const b of sorted) {
    if (b.kind === 'introduced' && (b.version === '0' || cmp(version, b.version) >= 0)) {
      open = b;
      hit = b;
    } else if (b.kind === 'fixed' && cmp(version, b.version) >= 0) {
      open = undefined;
    } else if (b.kind === 'last_affected' && cmp(version, b.version) > 0) {
      open = undefined;
    }
  }
  if (!open || !hit) return undefined;
  // The first closing event after the interval that contains the version names its upper bound.
  const close = sorted.find((b) => (b.kind === 'fixed' && compareEvent(cmp, b.version, hit.version) > 0) || (b.kind === 'last_affected' && compareEvent(cmp, b.version, hit.version) >= 0));
  const lower = hit.version === '0' ? '>=0' : `>=${hit.version}`;
  const upper = close ? (close.kind === 'fixed' ? `, <${close.version}` : `, <=${close.version}`) : '';
  return {
    kind: 'range',
    type: range.type,
    introduced: hit.version,
    ...(close?.kind === 'fixed' ? { fixed: close.version } : {}),
    ...(close?.kind === 'last_affected' ? { lastAffected: close.version } : {}),
    text: `${lower}${upper}`,
  };
}

/**
 * Is `version` of this package affected by one OSV `affected[]` entry? ECOSYSTEM ranges use the
 * ecosystem's scheme (Debian:7 → dpkg, Alpine:v3.16 → apk), SEMVER ranges SemVer 2.0 (Go's
 * own scheme for Go). GIT ranges name commits, not package versions: they are decided by the
 * explicit `versions[]` list OSV enumerates from them, and reported as unevaluated otherwise.
 * Ranges are tried first because their interval is the better evidence.
 */
export function evaluateAffected(affected: OsvAffected, version: string, scheme?: SchemeName): Verdict {
  const ecosystem = affected.package?.ecosystem ?? '';
  const ecoScheme = scheme ?? schemeForEcosystem(ecosystem);
  let unevaluated: string | undefined;
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') {
      unevaluated ??= 'GIT range (commit hashes) without a matching versions[] entry';
      continue;
    }
    const cmp = SCHEMES[range.type === 'SEMVER' && ecoScheme !== 'go' ? 'semver' : ecoScheme];
    const evidence = evaluateRange(range, version, cmp);
    if (evidence) return { affected: true, evidence };
  }
  // The explicit list catches what ranges cannot express (GIT ranges, odd version strings).
  if (affected.versions?.includes(version)) {
    return { affected: true, evidence: { kind: 'versions', type: 'VERSIONS', text: `listed version ${version}` } };
  }
  return unevaluated ? { affected: false, unevaluated } : { affected: false };
}
