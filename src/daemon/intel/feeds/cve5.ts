import { z } from 'zod';
import type { Cvss } from '../../../shared/intel.js';
import { clip, parseWith } from './parse-util.js';
import { MAX_REFERENCES, MAX_SUMMARY, normaliseTime, type CpeMatch, type VulnRecord } from './vuln-record.js';

const Version = z.object({ version: z.string(), status: z.string(), lessThan: z.string().optional(), lessThanOrEqual: z.string().optional() });
const Container = z.object({
  descriptions: z.array(z.object({ lang: z.string(), value: z.string() })).default([]),
  affected: z.array(z.object({ vendor: z.string().optional(), product: z.string().optional(), versions: z.array(Version).default([]) })).default([]),
  metrics: z.array(z.record(z.string(), z.unknown())).default([]),
  references: z.array(z.object({ url: z.string() })).default([]),
});
const Cve5Doc = z.object({
  dataType: z.literal('CVE_RECORD'),
  dataVersion: z.string(),
  cveMetadata: z.object({ cveId: z.string(), state: z.string(), datePublished: z.string().optional(), dateUpdated: z.string().optional() }),
  containers: z.object({ cna: Container.partial().default({}), adp: z.array(Container.partial()).default([]) }),
});
const CvssBlock = z.object({ baseScore: z.number().optional(), vectorString: z.string().optional(), baseSeverity: z.string().optional(), version: z.string().optional() });

export function isCve5Document(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { dataType?: unknown }).dataType === 'CVE_RECORD';
}

const CVSS_KEYS: Record<string, string> = { cvssV4_0: '4.0', cvssV3_1: '3.1', cvssV3_0: '3.0', cvssV2_0: '2.0' };

/** A CVE JSON 5 record (cvelistV5): CNA container first, ADP containers (e.g. CISA's) add metrics. */
export function parseCve5(doc: unknown, where: string): VulnRecord {
  const d = parseWith(Cve5Doc, doc, where);
  const id = d.cveMetadata.cveId;
  const containers = [d.containers.cna, ...d.containers.adp];
  const cvss: Cvss[] = [];
  for (const c of containers) {
    for (const m of c.metrics ?? []) {
      for (const [key, version] of Object.entries(CVSS_KEYS)) {
        if (!(key in m)) continue;
        const b = parseWith(CvssBlock, m[key], `${where}: metrics.${key}`);
        cvss.push({
          version,
          ...(b.baseScore !== undefined ? { score: b.baseScore } : {}),
          ...(b.vectorString ? { vector: b.vectorString } : {}),
          ...(b.baseSeverity ? { severity: b.baseSeverity } : {}),
          source: 'cve5',
        });
      }
    }
  }
  // CNA product/version statements, kept as CPE-style criteria so they read like NVD's.
  const cpe: CpeMatch[] = (d.containers.cna.affected ?? []).flatMap((a) =>
    a.versions
      .filter((v) => v.status === 'affected')
      .map((v) => ({
        criteria: `cpe:2.3:a:${(a.vendor ?? '*').toLowerCase()}:${(a.product ?? '*').toLowerCase()}:${v.lessThan || v.lessThanOrEqual ? '*' : v.version}`,
        vulnerable: true,
        ...(v.lessThan || v.lessThanOrEqual ? (v.version !== '0' ? { versionStartIncluding: v.version } : {}) : {}),
        ...(v.lessThan ? { versionEndExcluding: v.lessThan } : {}),
        ...(v.lessThanOrEqual ? { versionEndIncluding: v.lessThanOrEqual } : {}),
      })),
  );
  const published = normaliseTime(d.cveMetadata.datePublished);
  const modified = normaliseTime(d.cveMetadata.dateUpdated);
  const descriptions = d.containers.cna.descriptions ?? [];
  return {
    key: `cve5:${id}`,
    source: 'cve5',
    id,
    aliases: [],
    cve: id,
    summary: clip(descriptions.find((x) => x.lang.startsWith('en'))?.value ?? descriptions[0]?.value ?? '', MAX_SUMMARY),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(d.cveMetadata.state === 'REJECTED' && modified ? { withdrawn: modified } : {}),
    cvss,
    affected: [],
    cpe,
    references: (d.containers.cna.references ?? []).slice(0, MAX_REFERENCES).map((r) => r.url),
  };
}
