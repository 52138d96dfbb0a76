/** The intel subsystem's wire methods (issue 8), spread into protocol.ts `Methods`. */
import { z } from 'zod';
import { Advisory, AdvisoryQuery, Asset, Exposure, FeedName, ImportSummary, InventoryChange, IntelStatus } from './intel.js';

const AdvisoryStep = z.object({
  id: z.string().max(256),
  /** The revision the analyst saw: a stale one is refused with `conflict`. */
  rev: z.number().int().optional(),
});

const AssetSummary = Asset.omit({ packages: true }).extend({ packages: z.number().int() });
const InventoryResult = z.object({ asset: AssetSummary, skipped: z.array(z.string()), change: InventoryChange.optional() });

export const INTEL_METHODS = {
  'intel.status': { params: z.object({}).optional(), result: IntelStatus },
  /** Offline import of feed files on the daemon host (KEV, NVD 2.0, OSV JSON/zip, CVE JSON 5); idempotent. */
  'intel.import': { params: z.object({ path: z.string().min(1).max(4096) }), result: ImportSummary },
  /** Polls one feed now instead of waiting for its schedule. */
  'intel.poll': { params: z.object({ feed: FeedName }), result: z.object({ feed: FeedName, result: z.string() }) },
  /** Matches every stored inventory against every stored feed record and syncs advisories. */
  'intel.match': {
    params: z.object({}).optional(),
    result: z.object({ hits: z.number().int(), created: z.number().int(), updated: z.number().int(), durationMs: z.number(), versionErrors: z.number().int() }),
  },
  'inventory.list': { params: z.object({ customer: z.string().max(64).optional() }).optional(), result: z.object({ assets: z.array(AssetSummary) }) },
  'inventory.get': { params: z.object({ asset: z.string().max(256) }), result: Asset },
  'inventory.history': { params: z.object({ asset: z.string().max(256) }), result: z.object({ changes: z.array(InventoryChange) }) },
  /** Collects this daemon host's packages (dpkg-query / rpm / apk) now. */
  'inventory.collect': { params: z.object({ asset: z.string().max(256).optional() }).optional(), result: InventoryResult },
  /** Imports an SBOM or lock file on the daemon host as an asset's inventory. */
  'inventory.import': {
    params: z.object({ path: z.string().min(1).max(4096), asset: z.string().min(1).max(256), customer: z.string().max(64).default('default'), exposure: Exposure.default('unknown') }),
    result: InventoryResult,
  },
  'advisories.list': { params: AdvisoryQuery.optional(), result: z.object({ advisories: z.array(Advisory), total: z.number() }) },
  'advisories.get': { params: z.object({ id: z.string().max(256) }), result: Advisory },
  'advisories.review': { params: AdvisoryStep, result: Advisory },
  /** Publishes a reviewed advisory and renders its Markdown report. */
  'advisories.publish': { params: AdvisoryStep, result: Advisory },
  'advisories.dismiss': { params: AdvisoryStep.extend({ reason: z.string().trim().min(1).max(1000) }), result: Advisory },
} as const;
