import { createHash } from 'node:crypto';
import type { Finding, FindingStatus } from '../../shared/scan.js';
import type { Severity } from '../../shared/severity.js';

/** The check id of an open port listed in config/ports/high-risk.yaml. */
export const HIGH_RISK_CHECK = 'high-risk-port';

/** History entries kept per finding; older ones are dropped first. */
const HISTORY_CAP = 50;

export interface Detection {
  customer: string;
  asset: string;
  host: string;
  port?: number;
  url?: string;
  checkId: string;
  title: string;
  severity: Severity;
  remediationId: string;
  evidence: string;
  source: Finding['source'];
}

/** What a run was able to see: a finding outside this is neither confirmed nor fixed by it. */
export interface Coverage {
  hosts: ReadonlySet<string>;
  ports: ReadonlySet<number>;
  checkIds: ReadonlySet<string>;
  /** coverageKey()s of checks that ran on a port but could not decide (skipped, version unknown). */
  undecided?: ReadonlySet<string>;
}

/** `service-vuln:CVE-2024-6387` belongs to the `service-vuln` check; a plain id is its own family. */
export const checkFamily = (checkId: string): string => checkId.split(':')[0]!;
export const coverageKey = (host: string, port: number | undefined, checkId: string): string => `${host}|${port ?? ''}|${checkId}`;

function covers(c: Coverage, f: Finding): boolean {
  if (!c.hosts.has(f.host) || (f.port !== undefined && !c.ports.has(f.port))) return false;
  const ids = [f.checkId, checkFamily(f.checkId)];
  return ids.some((id) => c.checkIds.has(id)) && !ids.some((id) => c.undecided?.has(coverageKey(f.host, f.port, id)));
}

export interface Reconciled {
  puts: Finding[];
  seen: string[];
  new: string[];
  fixed: string[];
  reopened: string[];
}

/** Stable across scans: the same problem at the same place keeps its id. */
export function findingId(d: Pick<Detection, 'customer' | 'host' | 'port' | 'url' | 'checkId'>): string {
  const key = [d.customer, d.host, d.port ?? '', d.url ?? '', d.checkId].join('|');
  return `F-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

function withStatus(f: Finding, status: FindingStatus, at: string, by: string, note: string): Finding {
  return { ...f, status, history: [...f.history, { at, status, by, note }].slice(-HISTORY_CAP) };
}

const acceptanceLive = (f: Finding, at: string) => f.status === 'accepted' && f.acceptance !== undefined && f.acceptance.until > at;

/**
 * The lifecycle step of one run: detections become new / confirmed / reopened findings, and
 * covered findings the run no longer sees become fixed (verified by this rescan).
 */
export function reconcile(existing: (id: string) => Finding | undefined, covered: Iterable<Finding>, detections: readonly Detection[], coverage: Coverage, at: string, by: string): Reconciled {
  const out: Reconciled = { puts: [], seen: [], new: [], fixed: [], reopened: [] };
  const detected = new Set<string>();
  for (const d of detections) {
    const id = findingId(d);
    if (detected.has(id)) continue;
    detected.add(id);
    out.seen.push(id);
    const prev = existing(id);
    const base = { ...d, id, lastSeen: at };
    if (!prev) {
      out.new.push(id);
      out.puts.push({ ...base, status: 'new', firstSeen: at, seenCount: 1, history: [{ at, status: 'new', by, note: `first seen: ${d.evidence}` }] });
      continue;
    }
    const next: Finding = { ...prev, ...base, seenCount: prev.seenCount + 1 };
    delete next.fixedAt;
    if (acceptanceLive(prev, at)) out.puts.push(next);
    else if (prev.status === 'fixed' || prev.status === 'accepted') {
      out.reopened.push(id);
      out.puts.push(withStatus(next, 'reopened', at, by, prev.status === 'fixed' ? `seen again after the fix: ${d.evidence}` : 'risk acceptance expired and the finding is still present'));
    } else if (prev.status === 'new') out.puts.push(withStatus(next, 'confirmed', at, by, 'seen again by a later scan'));
    else out.puts.push(next);
  }
  for (const f of covered) {
    if (detected.has(f.id) || f.status === 'fixed' || f.source !== 'socdeck' || !covers(coverage, f)) continue;
    out.fixed.push(f.id);
    out.puts.push({ ...withStatus(f, 'fixed', at, by, 'not seen by a rescan that covered it'), fixedAt: at });
  }
  return out;
}

/** Accepted findings whose acceptance ran out go back to reopened: acceptance is never forever. */
export function expireAcceptances(findings: Iterable<Finding>, at: string): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.status === 'accepted' && f.acceptance && f.acceptance.until <= at) out.push(withStatus(f, 'reopened', at, 'daemon', `risk acceptance by ${f.acceptance.by} expired ${f.acceptance.until}`));
  }
  return out;
}

export function accept(f: Finding, by: string, reason: string, until: string, at: string): Finding {
  return { ...withStatus(f, 'accepted', at, by, `accepted until ${until}: ${reason}`), acceptance: { by, reason, at, until } };
}
