import type { AffectedHit, Asset, InventoryPackage } from '../../shared/intel.js';
import { evaluateAffected, type OsvAffected } from '../../shared/version/osv-range.js';
import { splitEcosystem } from '../../shared/version/schemes.js';
import type { VulnRecord } from './feeds/vuln-record.js';

/** PyPI names compare normalised (PEP 503); every ecosystem compares case-insensitively. */
export function normalisePackageName(ecosystemBase: string, name: string): string {
  const n = name.toLowerCase();
  return ecosystemBase.toLowerCase() === 'pypi' ? n.replace(/[-_.]+/g, '-') : n;
}

/** `22.04:LTS` → `22.04`, `v3.16` stays: the part of a release both sides name. */
const releaseKey = (r: string | undefined): string | undefined => r?.split(':')[0];

interface IndexEntry {
  record: VulnRecord;
  affected: OsvAffected;
  release: string | undefined;
}

export type VulnIndex = Map<string, IndexEntry[]>;

/** Indexes every OSV affected[] entry by (ecosystem base, package name); withdrawn records are left out. */
export function buildVulnIndex(records: Iterable<VulnRecord>): VulnIndex {
  const index: VulnIndex = new Map();
  for (const record of records) {
    if (record.withdrawn) continue;
    for (const affected of record.affected) {
      if (!affected.package) continue;
      const { base, release } = splitEcosystem(affected.package.ecosystem);
      const key = `${base.toLowerCase()}|${normalisePackageName(base, affected.package.name)}`;
      const list = index.get(key) ?? [];
      list.push({ record, affected, release: releaseKey(release) });
      index.set(key, list);
    }
  }
  return index;
}

export interface Match {
  record: VulnRecord;
  hit: AffectedHit;
}

export interface MatchResult {
  matches: Match[];
  /** Installed versions the ecosystem's scheme could not read: counted, with the first few named. */
  versionErrors: { count: number; examples: string[] };
  packagesChecked: number;
}

/** Distro packages are matched by source package (what Debian/Ubuntu advisories name). */
function matchIdentity(pkg: InventoryPackage): { name: string; version: string } {
  const base = splitEcosystem(pkg.ecosystem).base.toLowerCase();
  return (base === 'debian' || base === 'ubuntu') && pkg.source ? pkg.source : { name: pkg.name, version: pkg.version };
}

/**
 * Inventory × feeds: for every package, the OSV entries for its (ecosystem, name) in a
 * compatible release, evaluated exactly with the ecosystem's version scheme. Each match
 * keeps its evidence: the installed version and the range (or list entry) that contained it.
 */
export function matchAssets(assets: Iterable<Asset>, index: VulnIndex): MatchResult {
  const result: MatchResult = { matches: [], versionErrors: { count: 0, examples: [] }, packagesChecked: 0 };
  for (const asset of assets) {
    const seen = new Set<string>();
    for (const pkg of asset.packages) {
      result.packagesChecked++;
      const { base, release } = splitEcosystem(pkg.ecosystem);
      const id = matchIdentity(pkg);
      const entries = index.get(`${base.toLowerCase()}|${normalisePackageName(base, id.name)}`);
      if (!entries) continue;
      const rel = releaseKey(release);
      for (const e of entries) {
        if (e.release && rel && e.release !== rel) continue;
        // One hit per (record, package version): a source package shared by many binaries counts once.
        const dedup = `${e.record.key}|${id.name}|${id.version}`;
        if (seen.has(dedup)) continue;
        let verdict;
        try {
          verdict = evaluateAffected(e.affected, id.version);
        } catch (err) {
          result.versionErrors.count++;
          if (result.versionErrors.examples.length < 10) result.versionErrors.examples.push(`${asset.id} ${pkg.ecosystem}/${id.name}: ${err instanceof Error ? err.message : String(err)}`);
          continue;
        }
        if (!verdict.affected) continue;
        seen.add(dedup);
        result.matches.push({
          record: e.record,
          hit: {
            asset: asset.id,
            customer: asset.customer,
            package: id.name,
            ecosystem: pkg.ecosystem,
            installed: id.version,
            ...(verdict.evidence.fixed ? { fixed: verdict.evidence.fixed } : {}),
            range: verdict.evidence.text,
            rangeType: verdict.evidence.type,
            record: e.record.key,
          },
        });
      }
    }
  }
  return result;
}
