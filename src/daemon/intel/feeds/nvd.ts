import { z } from 'zod';
import type { Cvss } from '../../../shared/intel.js';
import { clip, parseWith } from './parse-util.js';
import { MAX_REFERENCES, MAX_SUMMARY, normaliseTime, type CpeMatch, type VulnRecord } from './vuln-record.js';

const CvssData = z.object({ version: z.string(), vectorString: z.string().optional(), baseScore: z.number().optional(), baseSeverity: z.string().optional() });
// V3.x and V4 carry baseSeverity inside cvssData; V2 puts it one level up, next to cvssData.
const Metric = z.object({ source: z.string().optional(), type: z.string().optional(), cvssData: CvssData, baseSeverity: z.string().optional() });
const CpeMatchSchema = z.object({
  vulnerable: z.boolean(),
  criteria: z.string(),
  versionStartIncluding: z.string().optional(),
  versionStartExcluding: z.string().optional(),
  versionEndIncluding: z.string().optional(),
  versionEndExcluding: z.string().optional(),
});
const Cve = z.object({
  id: z.string().regex(/^CVE-\d{4}-\d+$/),
  published: z.string().optional(),
  lastModified: z.string().optional(),
  vulnStatus: z.string().optional(),
  descriptions: z.array(z.object({ lang: z.string(), value: z.string() })).default([]),
  metrics: z.record(z.string(), z.array(z.unknown())).default({}),
  configurations: z.array(z.object({ nodes: z.array(z.object({ cpeMatch: z.array(CpeMatchSchema).default([]) })) })).default([]),
  references: z.array(z.object({ url: z.string() })).default([]),
});
const NvdDoc = z.object({
  format: z.literal('NVD_CVE'),
  version: z.string(),
  resultsPerPage: z.number().int(),
  startIndex: z.number().int(),
  totalResults: z.number().int(),
  timestamp: z.string().optional(),
  vulnerabilities: z.array(z.object({ cve: Cve })),
});

export function isNvdDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === 'NVD_CVE';
}

const METRIC_KEYS: Record<string, string> = { cvssMetricV40: '4.0', cvssMetricV31: '3.1', cvssMetricV30: '3.0', cvssMetricV2: '2.0' };

function cvssFromNvd(metrics: Record<string, unknown[]>, where: string): Cvss[] {
  const out: Cvss[] = [];
  for (const [key, version] of Object.entries(METRIC_KEYS)) {
    for (const [i, raw] of (metrics[key] ?? []).entries()) {
      const m = parseWith(Metric, raw, `${where}: metrics.${key}[${i}]`);
      const severity = m.cvssData.baseSeverity ?? m.baseSeverity;
      out.push({
        version,
        ...(m.cvssData.baseScore !== undefined ? { score: m.cvssData.baseScore } : {}),
        ...(m.cvssData.vectorString ? { vector: m.cvssData.vectorString } : {}),
        ...(severity ? { severity } : {}),
        ...(m.source ? { source: m.source } : {}),
      });
    }
  }
  return out;
}

/** One NVD CVE API 2.0 response page → records, plus the paging fields the poller needs. */
export function parseNvd(doc: unknown, where: string): { records: VulnRecord[]; totalResults: number; startIndex: number; resultsPerPage: number } {
  const d = parseWith(NvdDoc, doc, where);
  const records = d.vulnerabilities.map(({ cve }, i): VulnRecord => {
    const at = `${where}: vulnerabilities[${i}] ${cve.id}`;
    const published = normaliseTime(cve.published);
    const modified = normaliseTime(cve.lastModified);
    const cpe: CpeMatch[] = cve.configurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch));
    return {
      key: `nvd:${cve.id}`,
      source: 'nvd',
      id: cve.id,
      aliases: [],
      cve: cve.id,
      summary: clip(cve.descriptions.find((x) => x.lang === 'en')?.value ?? cve.descriptions[0]?.value ?? '', MAX_SUMMARY),
      ...(published ? { published } : {}),
      ...(modified ? { modified } : {}),
      ...(cve.vulnStatus === 'Rejected' && modified ? { withdrawn: modified } : {}),
      cvss: cvssFromNvd(cve.metrics, at),
      affected: [],
      cpe,
      references: cve.references.slice(0, MAX_REFERENCES).map((r) => r.url),
    };
  });
  return { records, totalResults: d.totalResults, startIndex: d.startIndex, resultsPerPage: d.resultsPerPage };
}
