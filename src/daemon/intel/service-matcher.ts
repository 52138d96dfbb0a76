import { severityRank, type Severity } from '../../shared/severity.js';
import type { Store } from '../store/store.js';
import { advisorySeverity } from './advisories/severity.js';
import { buildCpeIndex, inRange, type CpeIndex } from './cpe-matcher.js';
import { COLL, type KevEntry, type VulnRecord } from './feeds/vuln-record.js';

/** A network service as a scan saw it: CPE names (`vendor:product`) and the version it claims. */
export interface ServiceVersion {
  cpe: readonly string[];
  version: string;
  /** Maps both our version and the feed's bounds before comparing (OpenSSH `8.2p1`). */
  comparable?: (v: string) => string;
}

export interface ServiceVuln {
  /** The CVE, or the feed id when a record names none. */
  vuln: string;
  /** The CPE criterion and the bounds that contained the version, e.g. `openbsd:openssh >=8.6, <9.8`. */
  matched: string;
  severity: Severity;
  severityReason: string;
  kev: boolean;
  summary: string;
}

/**
 * Service versions × the stored feeds' CPE ranges: the intel side of the scanner's
 * system-vulnerability check. Built once per scan from the store; severity is decided the
 * way advisories decide it (highest CVSS over every record of the CVE, raised by KEV).
 */
export class ServiceVulnMatcher {
  private constructor(
    private readonly index: CpeIndex,
    private readonly byCve: Map<string, VulnRecord[]>,
    private readonly kev: (cve: string) => KevEntry | undefined,
  ) {}

  /** Undefined when no stored record carries an application CPE: then a scan can say nothing either way. */
  static fromStore(store: Store): ServiceVulnMatcher | undefined {
    const records = store.values<VulnRecord>(COLL.vulns);
    const index = buildCpeIndex(records);
    if (index.size === 0) return undefined;
    const byCve = new Map<string, VulnRecord[]>();
    for (const r of records) {
      if (!r.cve) continue;
      const list = byCve.get(r.cve) ?? [];
      list.push(r);
      byCve.set(r.cve, list);
    }
    return new ServiceVulnMatcher(index, byCve, (cve) => store.get<KevEntry>(COLL.kev, cve));
  }

  /** One entry per CVE whose CPE ranges contain the version, most severe first. */
  match(s: ServiceVersion): ServiceVuln[] {
    const found = new Map<string, { record: VulnRecord; matched: string }>();
    for (const name of s.cpe) {
      const [vendor, product] = name.toLowerCase().split(':');
      for (const e of this.index.get(product ?? '') ?? []) {
        const vuln = e.record.cve ?? e.record.id;
        // The index is keyed by product alone; oracle:http_server is not apache:http_server.
        if (found.has(vuln) || e.m.criteria.split(':')[3]?.toLowerCase() !== vendor) continue;
        let range: string | undefined;
        try {
          range = inRange(s.version, e, s.comparable);
        } catch {
          // A feed bound the version scheme cannot read says nothing about this version.
          continue;
        }
        if (range !== undefined) found.set(vuln, { record: e.record, matched: `${vendor}:${product} ${range}` });
      }
    }
    return [...found]
      .map(([vuln, { record, matched }]): ServiceVuln => {
        const related = this.byCve.get(vuln) ?? [record];
        const kev = this.kev(vuln);
        const words = related.map((r) => r.severityWord).filter((w): w is string => !!w);
        const { severity, reason } = advisorySeverity(
          related.flatMap((r) => r.cvss),
          words,
          !!kev,
          'unknown',
        );
        return { vuln, matched, severity, severityReason: reason, kev: !!kev, summary: related.find((r) => r.source === 'nvd')?.summary || record.summary };
      })
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.vuln.localeCompare(b.vuln));
  }
}
