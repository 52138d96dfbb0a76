import type { Advisory, AffectedHit, Asset, Exposure } from '../../../shared/intel.js';
import type { KevEntry, VulnRecord } from '../feeds/vuln-record.js';
import type { Match } from '../matcher.js';
import { advisorySeverity } from './severity.js';

/** The content of an advisory, without workflow fields (state, history, rev). */
export type AdvisoryContent = Omit<Advisory, 'state' | 'createdAt' | 'updatedAt' | 'rev' | 'history' | 'dismissReason' | 'report'>;

export interface BuildContext {
  kev: (cve: string) => KevEntry | undefined;
  /** Every stored record about a CVE (NVD, OSV, CVE 5), for scores and references. */
  recordsForCve: (cve: string) => VulnRecord[];
  asset: (id: string) => Pick<Asset, 'exposure'> | undefined;
}

const EXPOSURE_ORDER: Exposure[] = ['unknown', 'internal', 'internet'];

export function advisoryId(customer: string, vuln: string): string {
  return `${customer}:${vuln}`;
}

function firstSentence(s: string, max = 140): string {
  const one = s.split(/(?<=\.)\s/)[0] ?? s;
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function remediation(hits: AffectedHit[], kev: KevEntry | undefined): string {
  const lines = new Map<string, Set<string>>();
  for (const h of hits) {
    const key = h.fixed ? `Upgrade ${h.package} (${h.ecosystem}) to ${h.fixed} or later` : `No fixed version of ${h.package} (${h.ecosystem}) is published: apply vendor mitigations or remove it`;
    const set = lines.get(key) ?? new Set<string>();
    set.add(h.asset);
    lines.set(key, set);
  }
  const out = [...lines].map(([text, assets]) => `${text} on ${[...assets].sort().join(', ')}.`);
  if (kev) out.push(`CISA required action (due ${kev.dueDate}): ${kev.requiredAction}`);
  return out.join('\n');
}

/**
 * Groups matches into one advisory per (customer, CVE) — or per feed id when a record has no
 * CVE alias — carrying everything an analyst needs to review it: KEV flag and details, every
 * CVSS given, exploit status, affected assets with evidence, fixed versions, remediation.
 */
export function buildAdvisories(matches: Match[], ctx: BuildContext): AdvisoryContent[] {
  const groups = new Map<string, { customer: string; vuln: string; matches: Match[] }>();
  for (const m of matches) {
    const vuln = m.record.cve ?? m.record.id;
    const id = advisoryId(m.hit.customer, vuln);
    const g = groups.get(id) ?? { customer: m.hit.customer, vuln, matches: [] };
    g.matches.push(m);
    groups.set(id, g);
  }
  return [...groups].map(([id, g]) => {
    const related = [...new Map([...g.matches.map((m) => m.record), ...ctx.recordsForCve(g.vuln)].map((r) => [r.key, r])).values()];
    const kev = ctx.kev(g.vuln);
    const hits = dedupeHits(g.matches.map((m) => m.hit));
    const exposure = hits.reduce<Exposure>((acc, h) => {
      const e = ctx.asset(h.asset)?.exposure ?? 'unknown';
      return EXPOSURE_ORDER.indexOf(e) > EXPOSURE_ORDER.indexOf(acc) ? e : acc;
    }, 'unknown');
    const cvss = related.flatMap((r) => r.cvss);
    const { severity, reason } = advisorySeverity(
      cvss,
      related.map((r) => r.severityWord).filter((w): w is string => !!w),
      !!kev,
      exposure,
    );
    const summary = related.find((r) => r.source === 'nvd')?.summary || related.find((r) => r.summary)?.summary || '';
    return {
      id,
      customer: g.customer,
      vuln: g.vuln,
      aliases: [...new Set(related.flatMap((r) => [r.id, ...r.aliases]))].filter((a) => a !== g.vuln).sort(),
      title: kev?.vulnerabilityName ?? `${g.vuln}: ${firstSentence(summary) || 'vulnerability in ' + [...new Set(hits.map((h) => h.package))].join(', ')}`,
      summary,
      severity,
      severityReason: reason,
      cvss,
      ...(kev ? { kev: { dateAdded: kev.dateAdded, dueDate: kev.dueDate, ransomware: kev.knownRansomwareCampaignUse, requiredAction: kev.requiredAction, name: kev.vulnerabilityName } } : {}),
      exploitStatus: kev
        ? `Known exploited (CISA KEV since ${kev.dateAdded}${kev.knownRansomwareCampaignUse === 'Known' ? ', used in ransomware campaigns' : ''})`
        : 'No known exploitation in CISA KEV',
      exposure,
      affected: hits,
      fixedVersions: [...new Set(hits.map((h) => h.fixed).filter((f): f is string => !!f))].sort(),
      remediation: remediation(hits, kev),
      references: [...new Set(related.flatMap((r) => r.references))].slice(0, 20),
    };
  });
}

/** The same (asset, package, installed) reached through several records of one CVE is one row. */
function dedupeHits(hits: AffectedHit[]): AffectedHit[] {
  const m = new Map<string, AffectedHit>();
  for (const h of hits) {
    const k = `${h.asset}|${h.ecosystem}|${h.package}|${h.installed}`;
    if (!m.has(k)) m.set(k, h);
  }
  return [...m.values()].sort((a, b) => a.asset.localeCompare(b.asset) || a.package.localeCompare(b.package));
}
