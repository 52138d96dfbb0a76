import type { AffectedHit, Asset } from '../../shared/intel.js';
import { compareGeneric } from '../../shared/version/generic.js';
import type { CpeMatch, VulnRecord } from './feeds/vuln-record.js';
import type { Match } from './matcher.js';

export interface CpeEntry {
  record: VulnRecord;
  m: CpeMatch;
  version: string;
  /** The CPE update field: `p1` in `openssh:8.5:p1`; `*` any, `-` none. */
  update: string;
}
export type CpeIndex = Map<string, CpeEntry[]>;

/** Application CPEs (`cpe:2.3:a:vendor:product:version:…`) indexed by product name. */
export function buildCpeIndex(records: Iterable<VulnRecord>): CpeIndex {
  const index: CpeIndex = new Map();
  for (const record of records) {
    if (record.withdrawn) continue;
    for (const m of record.cpe) {
      const parts = m.criteria.split(':');
      if (!m.vulnerable || parts[2] !== 'a' || !parts[4]) continue;
      const product = parts[4].toLowerCase();
      const list = index.get(product) ?? [];
      list.push({ record, m, version: parts[5] ?? '*', update: parts[6] ?? '*' });
      index.set(product, list);
    }
  }
  return index;
}

/** The upstream part of a distro version: no epoch, no Debian/RPM revision, no apk -rN. */
export function upstreamVersion(v: string): string {
  return v
    .replace(/^\d+:/, '')
    .replace(/-r\d+$/, '')
    .replace(/-[^-]*$/, '')
    .replace(/[~+].*$/, '');
}

/** A specific update is part of the exact version (`8.5:p1` is 8.5p1); `*` and `-` add nothing. */
const exactVersion = (e: CpeEntry) => (e.update === '*' || e.update === '-' || e.update === '' ? e.version : `${e.version}${e.update}`);

/**
 * The bounds (or the exact version) of one CPE entry that contain `version`, as text, or
 * undefined. `comparable` maps both sides first, for products whose versions a generic
 * comparison orders wrongly.
 */
export function inRange(version: string, e: CpeEntry, comparable: (v: string) => string = (v) => v): string | undefined {
  const { m } = e;
  const bounds: string[] = [];
  const ours = comparable(version);
  if (!m.versionStartIncluding && !m.versionStartExcluding && !m.versionEndIncluding && !m.versionEndExcluding) {
    if (e.version === '*' || e.version === '-') return undefined;
    const exact = exactVersion(e);
    return compareGeneric(ours, comparable(exact)) === 0 ? `=${exact}` : undefined;
  }
  const checks: [string | undefined, (c: number) => boolean, string][] = [
    [m.versionStartIncluding, (c) => c >= 0, '>='],
    [m.versionStartExcluding, (c) => c > 0, '>'],
    [m.versionEndIncluding, (c) => c <= 0, '<='],
    [m.versionEndExcluding, (c) => c < 0, '<'],
  ];
  for (const [bound, ok, op] of checks) {
    if (bound === undefined) continue;
    if (!ok(compareGeneric(ours, comparable(bound)))) return undefined;
    bounds.push(`${op}${bound}`);
  }
  return bounds.join(', ');
}

/**
 * NVD/CVE 5 CPE ranges against packages whose name (or source package) is the CPE product,
 * compared on the upstream version. Distros backport fixes without changing the upstream
 * version, so these hits are marked `CPE` for the analyst to confirm against the distro
 * tracker; OSV distro records, when present, are the exact answer.
 */
export function matchCpe(assets: Iterable<Asset>, index: CpeIndex): Match[] {
  const out: Match[] = [];
  for (const asset of assets) {
    const seen = new Set<string>();
    for (const pkg of asset.packages) {
      const name = (pkg.source?.name ?? pkg.name).toLowerCase();
      const entries = index.get(name) ?? index.get(pkg.name.toLowerCase());
      if (!entries) continue;
      const installed = pkg.source?.version ?? pkg.version;
      let upstream: string;
      try {
        upstream = upstreamVersion(installed);
        compareGeneric(upstream, '0');
      } catch {
        continue;
      }
      for (const e of entries) {
        const key = `${e.record.key}|${name}|${installed}`;
        if (seen.has(key)) continue;
        const range = inRange(upstream, e);
        if (range === undefined) continue;
        seen.add(key);
        const hit: AffectedHit = {
          asset: asset.id,
          customer: asset.customer,
          package: pkg.source?.name ?? pkg.name,
          ecosystem: pkg.ecosystem,
          installed,
          ...(e.m.versionEndExcluding ? { fixed: e.m.versionEndExcluding } : {}),
          range: `${e.m.criteria.split(':').slice(3, 5).join(':')} ${range} (upstream ${upstream})`,
          rangeType: 'CPE',
          record: e.record.key,
        };
        out.push({ record: e.record, hit });
      }
    }
  }
  return out;
}
