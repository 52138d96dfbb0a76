import { basename, relative } from 'node:path';
import type { Asset, Exposure } from '../../shared/intel.js';
import { buildAdvisories, type AdvisoryContent } from './advisories/advisory-builder.js';
import { buildCpeIndex, matchCpe } from './cpe-matcher.js';
import { listFeedFiles, readFeedFile } from './feeds/offline-import.js';
import type { KevEntry, VulnRecord } from './feeds/vuln-record.js';
import { readInventoryFile } from './inventory/import-inventory.js';
import { buildVulnIndex, matchAssets } from './matcher.js';

export interface FeedSet {
  records: VulnRecord[];
  kev: Map<string, KevEntry>;
  errors: { file: string; error: string }[];
}

/** Reads a feed folder into memory (no store), for matching without a daemon. */
export async function loadFeedSet(path: string): Promise<FeedSet> {
  const set: FeedSet = { records: [], kev: new Map(), errors: [] };
  const files = listFeedFiles(path);
  for (const file of files) {
    const label = files.length === 1 ? basename(file) : relative(path, file);
    try {
      const { content, errors } = await readFeedFile(file, label);
      set.errors.push(...errors);
      set.records.push(...content.records);
      for (const k of content.kev) set.kev.set(k.cveID, k);
    } catch (err) {
      set.errors.push({ file: label, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return set;
}

export interface InventoryFileOptions {
  asset?: string;
  customer?: string;
  exposure?: Exposure;
}

/** Inventory file × feed set → advisory contents, exactly as the daemon would draft them. */
export function matchOffline(assets: Asset[], feeds: FeedSet, cpe: boolean): { advisories: AdvisoryContent[]; hits: number; versionErrors: string[] } {
  const result = matchAssets(assets, buildVulnIndex(feeds.records));
  if (cpe) result.matches.push(...matchCpe(assets, buildCpeIndex(feeds.records)));
  const byCve = new Map<string, VulnRecord[]>();
  for (const r of feeds.records) {
    if (!r.cve) continue;
    const list = byCve.get(r.cve) ?? [];
    list.push(r);
    byCve.set(r.cve, list);
  }
  const byId = new Map(assets.map((a) => [a.id, a]));
  const advisories = buildAdvisories(result.matches, { kev: (c) => feeds.kev.get(c), recordsForCve: (c) => byCve.get(c) ?? [], asset: (id) => byId.get(id) });
  return { advisories, hits: result.matches.length, versionErrors: result.versionErrors.examples };
}

export function assetFromFile(file: string, opts: InventoryFileOptions, now: string): { asset: Asset; skipped: string[] } {
  const inv = readInventoryFile(file);
  const id = opts.asset ?? basename(file);
  return {
    asset: {
      id,
      customer: opts.customer ?? 'default',
      host: id,
      ...(inv.os ? { os: inv.os } : {}),
      exposure: opts.exposure ?? 'unknown',
      collector: `import:${inv.kind}`,
      collectedAt: now,
      packages: inv.packages,
    },
    skipped: inv.skipped,
  };
}
