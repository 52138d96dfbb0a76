import type { OpenPort } from '../../shared/scan.js';
import type { ServiceVulnMatcher } from '../intel/service-matcher.js';
import type { Detection } from './findings.js';
import { serviceIdentity } from './service-identity.js';

/** The check behind every known-vulnerable-version finding; each CVE gets its own check id under it. */
export const SERVICE_VULN_CHECK = 'service-vuln';
export const serviceVulnCheckId = (vuln: string) => `${SERVICE_VULN_CHECK}:${vuln}`;

/** Evidence stays readable in a table cell and a report row. */
const BANNER_CHARS = 120;
const SUMMARY_CHARS = 160;

const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

export type Place = Pick<Detection, 'customer' | 'asset' | 'host' | 'port' | 'source'>;

/**
 * Service versions from the fingerprints (or nmap's) matched against the intel feeds: one
 * detection per (port, CVE). Ports whose version nobody could read come back as
 * `unidentified`, because the run cannot say whether their earlier findings are fixed.
 */
export function serviceVulnDetections(ports: readonly OpenPort[], matcher: ServiceVulnMatcher, placeOf: (p: OpenPort) => Place): { detections: Detection[]; unidentified: OpenPort[] } {
  const detections: Detection[] = [];
  const unidentified: OpenPort[] = [];
  for (const p of ports) {
    const id = serviceIdentity(p);
    if (!id) {
      unidentified.push(p);
      continue;
    }
    const shown = `${id.product} ${id.version}`;
    const seen = p.banner ? `banner "${clip(p.banner, BANNER_CHARS)}"` : `fingerprint ${shown}`;
    const backport = id.distroBuild ? '; distribution build: the fix may be backported without a new upstream version, confirm with the vendor tracker' : '';
    for (const v of matcher.match(id)) {
      detections.push({
        ...placeOf(p),
        checkId: serviceVulnCheckId(v.vuln),
        title: `${shown} on ${p.host}:${p.port} → ${v.vuln}`,
        severity: v.severity,
        remediationId: 'service-vuln',
        evidence: `${seen} → ${v.matched} in ${v.vuln}${v.kev ? ' (CISA KEV)' : ''}: ${clip(v.summary, SUMMARY_CHARS)} [severity: ${v.severityReason}]${backport}`,
      });
    }
  }
  return { detections, unidentified };
}
