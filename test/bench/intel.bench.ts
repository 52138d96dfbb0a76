/**
 * Matcher throughput: 50k installed packages × the full KEV catalog + 10k OSV records (goal:
 * the whole match, including advisory drafting, in < 2 s). The 10k OSV records are the 30
 * real samples cloned under distinct package names (ranges and versions unchanged), and the
 * 50k packages mix this machine's real dpkg versions with names that hit those clones.
 * Baseline in the same run: the same loop doing only the index lookups, no version evaluation.
 * Run: node --import tsx test/bench/intel.bench.ts   (npm run bench:intel)
 */
import { fileURLToPath } from 'node:url';
import { buildAdvisories } from '../../src/daemon/intel/advisories/advisory-builder.js';
import { buildCpeIndex, matchCpe } from '../../src/daemon/intel/cpe-matcher.js';
import type { VulnRecord } from '../../src/daemon/intel/feeds/vuln-record.js';
import { buildVulnIndex, matchAssets, normalisePackageName } from '../../src/daemon/intel/matcher.js';
import { loadFeedSet } from '../../src/daemon/intel/offline-match.js';
import type { Asset, InventoryPackage } from '../../src/shared/intel.js';
import { splitEcosystem } from '../../src/shared/version/schemes.js';

const PACKAGES = 50_000;
const OSV_RECORDS = 10_000;
const feeds = await loadFeedSet(fileURLToPath(new URL('../fixtures/intel/feeds/', import.meta.url)));
const osv = feeds.records.filter((r) => r.source === 'osv');

// Clone the real OSV records until there are OSV_RECORDS of them, each under its own package names.
const records: VulnRecord[] = [...feeds.records];
for (let i = 0, n = osv.length; n < OSV_RECORDS; i++, n++) {
  const r = osv[i % osv.length] as VulnRecord;
  records.push({ ...r, key: `${r.key}-c${i}`, id: `${r.id}-c${i}`, affected: r.affected.map((a) => ({ ...a, package: a.package && { ...a.package, name: `${a.package.name}-c${i}` } })) });
}

// Packages: one per affected entry of the clones (an installed version taken from its range's
// events, so some are affected and some are not), padded with unrelated names.
const pkgs: InventoryPackage[] = [];
for (const r of records) {
  for (const a of r.affected) {
    if (!a.package || pkgs.length >= PACKAGES / 2) continue;
    const ev = a.ranges?.[0]?.events ?? [];
    const version = ev.find((e) => e.fixed)?.fixed ?? ev.find((e) => e.introduced && e.introduced !== '0')?.introduced ?? a.versions?.[0] ?? '1.0.0';
    const eco = a.package.ecosystem;
    const { base } = splitEcosystem(eco);
    pkgs.push({ name: a.package.name, version: base === 'Go' ? `v${version.replace(/^v/, '')}` : version, ecosystem: eco });
  }
}
for (let i = 0; pkgs.length < PACKAGES; i++) pkgs.push({ name: normalisePackageName('npm', `unrelated-${i}`), version: `1.${i % 50}.0`, ecosystem: 'npm' });
const assets: Asset[] = Array.from({ length: 10 }, (_, n) => ({
  id: `asset-${n}`,
  customer: 'default',
  host: `asset-${n}`,
  exposure: 'unknown',
  collector: 'bench',
  collectedAt: new Date(0).toISOString(),
  packages: pkgs.slice((n * PACKAGES) / 10, ((n + 1) * PACKAGES) / 10),
}));

function seconds(fn: () => unknown): [number, unknown] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [Number(process.hrtime.bigint() - t0) / 1e9, r];
}

const index = buildVulnIndex(records);
const [baseline] = seconds(() => {
  let found = 0;
  for (const a of assets) for (const p of a.packages) if (index.get(`${splitEcosystem(p.ecosystem).base.toLowerCase()}|${normalisePackageName(splitEcosystem(p.ecosystem).base, p.name)}`)) found++;
  return found;
});
const byCve = new Map<string, VulnRecord[]>();
const [full, out] = seconds(() => {
  const idx = buildVulnIndex(records);
  const result = matchAssets(assets, idx);
  result.matches.push(...matchCpe(assets, buildCpeIndex(records)));
  for (const r of records) {
    if (!r.cve) continue;
    const list = byCve.get(r.cve) ?? [];
    list.push(r);
    byCve.set(r.cve, list);
  }
  const advisories = buildAdvisories(result.matches, { kev: (c) => feeds.kev.get(c), recordsForCve: (c) => byCve.get(c) ?? [], asset: () => undefined });
  return { hits: result.matches.length, advisories: advisories.length, errors: result.versionErrors.count };
});
const o = out as { hits: number; advisories: number; errors: number };
console.log(`intel match: ${PACKAGES} packages x ${feeds.kev.size} KEV + ${records.filter((r) => r.source === 'osv').length} OSV + ${records.filter((r) => r.source === 'nvd').length} NVD records`);
console.log(
  `  full match + advisories: ${full.toFixed(3)} s, ${o.hits} matches, ${o.advisories} advisories, ${o.errors} unreadable versions (${Math.round(PACKAGES / full)} packages/s, ${Math.round(o.hits / full)} matches/s)`,
);
console.log(`  baseline (index lookups only): ${baseline.toFixed(3)} s; ratio full/baseline ${(full / baseline).toFixed(1)}x`);
console.log(`  goal < 2 s: ${full < 2 ? 'met' : 'NOT met'}`);
