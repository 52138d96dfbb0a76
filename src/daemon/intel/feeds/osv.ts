import { z } from 'zod';
import type { Cvss } from '../../../shared/intel.js';
import { cvss3BaseScore } from './cvss3.js';
import { clip, parseWith } from './parse-util.js';
import { cveOf, MAX_REFERENCES, MAX_SUMMARY, normaliseTime, type VulnRecord } from './vuln-record.js';

const Event = z.object({ introduced: z.string(), fixed: z.string(), last_affected: z.string(), limit: z.string() }).partial();
const OsvDoc = z.object({
  // schema_version is 1.3.0, 1.3.1, 1.4.0 or missing in real records: not required.
  id: z.string().min(1),
  aliases: z.array(z.string()).nullish(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  published: z.string().nullish(),
  modified: z.string().nullish(),
  withdrawn: z.string().nullish(),
  severity: z.array(z.object({ type: z.string(), score: z.string() })).nullish(),
  affected: z
    .array(
      z.object({
        package: z.object({ ecosystem: z.string(), name: z.string() }).optional(),
        ranges: z.array(z.object({ type: z.string(), events: z.array(Event) })).nullish(),
        versions: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
  references: z.array(z.object({ url: z.string() })).nullish(),
  database_specific: z.object({ severity: z.string().optional() }).passthrough().nullish(),
});

export function isOsvDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && 'id' in doc && ('affected' in doc || 'modified' in doc) && !('cveMetadata' in doc);
}

function cvssFromOsv(severity: { type: string; score: string }[]): Cvss[] {
  return severity.map((s) => {
    const version = s.type === 'CVSS_V4' ? '4.0' : s.type === 'CVSS_V3' ? (/CVSS:3\.0/.test(s.score) ? '3.0' : '3.1') : s.type;
    const score = s.type === 'CVSS_V3' ? cvss3BaseScore(s.score) : undefined;
    return { version, vector: s.score, ...(score !== undefined ? { score } : {}), source: 'osv' };
  });
}

export function parseOsv(doc: unknown, where: string): VulnRecord {
  const d = parseWith(OsvDoc, doc, where);
  const aliases = d.aliases ?? [];
  const published = normaliseTime(d.published ?? undefined);
  const modified = normaliseTime(d.modified ?? undefined);
  const withdrawn = normaliseTime(d.withdrawn ?? undefined);
  return {
    key: `osv:${d.id}`,
    source: 'osv',
    id: d.id,
    aliases,
    cve: cveOf(d.id, aliases),
    summary: clip(d.summary || d.details || '', MAX_SUMMARY),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(withdrawn ? { withdrawn } : {}),
    cvss: cvssFromOsv(d.severity ?? []),
    ...(d.database_specific?.severity ? { severityWord: d.database_specific.severity } : {}),
    affected: (d.affected ?? []).map((a) => ({
      ...(a.package ? { package: a.package } : {}),
      ranges: a.ranges ?? [],
      versions: a.versions ?? [],
    })),
    cpe: [],
    references: (d.references ?? []).slice(0, MAX_REFERENCES).map((r) => r.url),
  };
}
