import type { Cvss } from '../../../shared/intel.js';
import type { OsvAffected } from '../../../shared/version/osv-range.js';
import { ADVISORIES, INTEL_ASSETS, INTEL_FEEDS, INTEL_INVENTORY_HISTORY, INTEL_KEV, INTEL_VULNS } from '../../collections.js';

/** Collections this subsystem owns in the store. */
export const COLL = {
  vulns: INTEL_VULNS,
  kev: INTEL_KEV,
  feeds: INTEL_FEEDS,
  assets: INTEL_ASSETS,
  inventoryHistory: INTEL_INVENTORY_HISTORY,
  advisories: ADVISORIES,
} as const;

export const VULN_SOURCES = ['osv', 'nvd', 'cve5'] as const;
export type VulnSource = (typeof VULN_SOURCES)[number];

/** A CPE 2.3 match criterion with its version bounds (NVD configurations, CVE 5 affected). */
export interface CpeMatch {
  criteria: string;
  vulnerable: boolean;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

/** One advisory record from any feed, normalised; stored under `${source}:${id}`. */
export interface VulnRecord {
  key: string;
  source: VulnSource;
  id: string;
  aliases: string[];
  /** The CVE this record is about: its id or its first CVE alias. */
  cve: string | undefined;
  summary: string;
  published?: string;
  modified?: string;
  withdrawn?: string;
  cvss: Cvss[];
  /** A word severity where the feed gives one (GHSA: LOW / MODERATE / HIGH / CRITICAL). */
  severityWord?: string;
  affected: OsvAffected[];
  cpe: CpeMatch[];
  references: string[];
}

export interface KevEntry {
  cveID: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  dueDate: string;
  shortDescription: string;
  requiredAction: string;
  knownRansomwareCampaignUse: string;
  notes: string;
  cwes: string[];
}

/** Caps per record so one huge upstream entry cannot bloat the store. */
export const MAX_REFERENCES = 20;
export const MAX_SUMMARY = 4000;

export function cveOf(id: string, aliases: readonly string[]): string | undefined {
  if (/^CVE-\d{4}-\d+$/.test(id)) return id;
  return aliases.find((a) => /^CVE-\d{4}-\d+$/.test(a));
}

/** NVD timestamps carry no zone but are UTC; Go's zero time means "unknown". */
export function normaliseTime(t: string | undefined): string | undefined {
  if (!t || t.startsWith('0001-01-01')) return undefined;
  const withZone = /(Z|[+-]\d\d:?\d\d)$/.test(t) ? t : `${t}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
