import { z } from 'zod';
import type { KevEntry } from './vuln-record.js';
import { parseWith } from './parse-util.js';

const KevDoc = z.object({
  catalogVersion: z.string(),
  dateReleased: z.string().optional(),
  vulnerabilities: z.array(
    z.object({
      cveID: z.string().regex(/^CVE-\d{4}-\d+$/),
      vendorProject: z.string(),
      product: z.string(),
      vulnerabilityName: z.string(),
      dateAdded: z.string(),
      dueDate: z.string(),
      shortDescription: z.string(),
      requiredAction: z.string(),
      knownRansomwareCampaignUse: z.string().default('Unknown'),
      notes: z.string().default(''),
      cwes: z.array(z.string()).default([]),
    }),
  ),
});

export function isKevDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && 'catalogVersion' in doc && 'vulnerabilities' in doc;
}

/** The CISA KEV catalog: presence in it is the signal (it carries no score). */
export function parseKev(doc: unknown, where: string): { catalogVersion: string; entries: KevEntry[] } {
  const d = parseWith(KevDoc, doc, where);
  return { catalogVersion: d.catalogVersion, entries: d.vulnerabilities };
}
