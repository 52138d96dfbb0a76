/** Vulnerability intel as it crosses the wire: feeds, inventory, matches and advisories. */
import { z } from 'zod';
import { Severity } from './severity.js';

export const Cvss = z.object({
  version: z.string(),
  score: z.number().optional(),
  vector: z.string().optional(),
  severity: z.string().optional(),
  source: z.string().optional(),
});
export type Cvss = z.infer<typeof Cvss>;

export const FEED_NAMES = ['kev', 'nvd', 'osv'] as const;
export const FeedName = z.enum(FEED_NAMES);
export type FeedName = z.infer<typeof FeedName>;

export const FeedStatus = z.object({
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  lastAttempt: z.string().optional(),
  lastSuccess: z.string().optional(),
  lastError: z.string().optional(),
  /** What the last successful poll brought: 304s count as success with 0 changes. */
  lastResult: z.string().optional(),
  records: z.number().int(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** NVD only: the lastModEndDate of the last completed window, where the next poll resumes. */
  cursor: z.string().optional(),
});
export type FeedStatus = z.infer<typeof FeedStatus>;

export const ASSET_EXPOSURES = ['internet', 'internal', 'unknown'] as const;
export const Exposure = z.enum(ASSET_EXPOSURES);
export type Exposure = z.infer<typeof Exposure>;

export const InventoryPackage = z.object({
  name: z.string(),
  version: z.string(),
  /** OSV ecosystem, with the distro release where it matters: `Debian:12`, `Alpine:v3.19`, `npm`. */
  ecosystem: z.string(),
  /** Distro source package (Debian advisories name source packages). */
  source: z.object({ name: z.string(), version: z.string() }).optional(),
  purl: z.string().optional(),
});
export type InventoryPackage = z.infer<typeof InventoryPackage>;

export const Asset = z.object({
  id: z.string(),
  customer: z.string(),
  host: z.string(),
  os: z.object({ id: z.string(), versionId: z.string().optional(), name: z.string().optional() }).optional(),
  exposure: Exposure,
  collector: z.string(),
  collectedAt: z.string(),
  packages: z.array(InventoryPackage),
});
export type Asset = z.infer<typeof Asset>;

export const PackageRef = z.object({ name: z.string(), ecosystem: z.string(), version: z.string() });
export const InventoryChange = z.object({
  id: z.string(),
  asset: z.string(),
  at: z.string(),
  collector: z.string(),
  added: z.array(PackageRef),
  removed: z.array(PackageRef),
  changed: z.array(z.object({ name: z.string(), ecosystem: z.string(), from: z.string(), to: z.string() })),
});
export type InventoryChange = z.infer<typeof InventoryChange>;

/** One affected (asset, package) with the exact evidence that decided it. */
export const AffectedHit = z.object({
  asset: z.string(),
  customer: z.string(),
  package: z.string(),
  ecosystem: z.string(),
  installed: z.string(),
  fixed: z.string().optional(),
  /** The interval or list entry that contained the installed version, e.g. `>=0, <1.2.1-2.2+wheezy3`. */
  range: z.string(),
  rangeType: z.string(),
  /** The feed record that matched: `osv:GO-2022-0969`. */
  record: z.string(),
});
export type AffectedHit = z.infer<typeof AffectedHit>;

export const ADVISORY_STATES = ['draft', 'reviewed', 'published', 'dismissed'] as const;
export const AdvisoryState = z.enum(ADVISORY_STATES);
export type AdvisoryState = z.infer<typeof AdvisoryState>;

export const AdvisoryChange = z.object({ at: z.string(), actor: z.string(), action: z.string(), note: z.string().optional() });

export const Advisory = z.object({
  id: z.string(),
  customer: z.string(),
  /** The CVE (or the feed id when a record has no CVE alias). */
  vuln: z.string(),
  aliases: z.array(z.string()),
  title: z.string(),
  summary: z.string(),
  severity: Severity,
  /** Why this severity: base from CVSS, raised by KEV and internet exposure. */
  severityReason: z.string(),
  cvss: z.array(Cvss),
  kev: z.object({ dateAdded: z.string(), dueDate: z.string(), ransomware: z.string(), requiredAction: z.string(), name: z.string() }).optional(),
  exploitStatus: z.string(),
  exposure: Exposure,
  affected: z.array(AffectedHit),
  fixedVersions: z.array(z.string()),
  remediation: z.string(),
  references: z.array(z.string()),
  state: AdvisoryState,
  createdAt: z.string(),
  updatedAt: z.string(),
  rev: z.number().int(),
  dismissReason: z.string().optional(),
  /** Path of the rendered Markdown report, once published. */
  report: z.string().optional(),
  history: z.array(AdvisoryChange),
});
export type Advisory = z.infer<typeof Advisory>;

export const AdvisoryQuery = z.object({
  state: z.array(AdvisoryState).optional(),
  customer: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(500),
});

export const ImportSummary = z.object({
  files: z.number().int(),
  records: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ file: z.string(), error: z.string() })),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const IntelStatus = z.object({
  feeds: z.array(FeedStatus),
  records: z.object({ kev: z.number().int(), vulns: z.number().int() }),
  assets: z.number().int(),
  packages: z.number().int(),
  advisories: z.record(z.string(), z.number().int()),
  lastMatch: z.object({ at: z.string(), hits: z.number().int(), advisories: z.number().int(), durationMs: z.number() }).optional(),
});
export type IntelStatus = z.infer<typeof IntelStatus>;
