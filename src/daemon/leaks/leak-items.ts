import { createHash } from 'node:crypto';
import type { LeakFinding, LeakItem } from '../../shared/leak.js';
import { shortFingerprint } from '../../shared/secret-mask.js';
import { SEVERITIES, severityRank, type Severity } from '../../shared/severity.js';
import type { StoreOp } from '../store/store.js';
import { remediationFor } from './remediation.js';
import type { DetectedSecret } from './scan-text.js';
import { LEAKS, LEAK_FINDINGS } from '../collections.js';

/** Locations stored per leak; further sightings only raise the `locations` count. */
export const MAX_LOCATIONS_PER_LEAK = 200;

/** Paths that usually hold examples rather than live configuration. */
const SAMPLE_PATH = /(^|\/)(tests?|__tests__|spec|fixtures?|testdata|examples?|samples?|docs?)\//i;

/**
 * The rule gives the provider's weight; where it was found moves it: a key in test or
 * documentation paths, or one failing its format checksum, is one step less urgent.
 */
export function leakSeverity(base: Severity, file: string, confidence: 'high' | 'low'): Severity {
  const down = (SAMPLE_PATH.test(file) ? 1 : 0) + (confidence === 'low' ? 1 : 0);
  return SEVERITIES[Math.max(0, severityRank(base) - down)]!;
}

export function leakIdFor(customer: string, fingerprint: string): string {
  return `leak-${customer}-${shortFingerprint(fingerprint)}`;
}

function findingId(leakId: string, target: string, d: DetectedSecret): string {
  const h = createHash('sha256')
    .update([leakId, target, d.file, d.line, d.commit ?? ''].join('\0'))
    .digest('hex');
  return `lf-${h.slice(0, 20)}`;
}

export interface RecordInput {
  customer: string;
  target: string;
  detected: DetectedSecret[];
  now: string;
  slaBusinessMinutes: number;
  get(coll: string, id: string): unknown;
}

/**
 * Turns scan output into store ops: a new leak item per new fingerprint, a finding per new
 * location. Returns the leaks that are new, for the `leak.detected` event.
 */
export function recordDetections(input: RecordInput): { ops: StoreOp[]; newLeaks: LeakItem[] } {
  const ops: StoreOp[] = [];
  const items = new Map<string, LeakItem>();
  const newLeaks: LeakItem[] = [];
  const batchFindings = new Set<string>();
  for (const d of input.detected) {
    const leakId = leakIdFor(input.customer, d.fingerprint);
    let item = items.get(leakId) ?? (input.get(LEAKS, leakId) as LeakItem | undefined);
    const severity = leakSeverity(d.severity, d.file, d.confidence);
    if (!item) {
      item = {
        id: leakId,
        customer: input.customer,
        fingerprint: d.fingerprint,
        provider: d.provider,
        rule: d.rule,
        title: d.title,
        masked: d.masked,
        length: d.length,
        severity,
        state: 'open',
        detectedAt: input.now,
        lastSeenAt: input.now,
        slaBusinessMinutes: input.slaBusinessMinutes,
        locations: 0,
        first: { target: input.target, file: d.file, line: d.line, ...(d.commit ? { commit: d.commit } : {}), ...(d.url ? { url: d.url } : {}) },
        ...(d.pairedWith ? { pairedWith: leakIdFor(input.customer, d.pairedWith) } : {}),
        remediation: remediationFor(d.provider, d.commit !== undefined),
        history: [],
      };
      newLeaks.push(item);
      items.set(leakId, item);
    }
    const fid = findingId(leakId, input.target, d);
    const known = batchFindings.has(fid) || input.get(LEAK_FINDINGS, fid) !== undefined;
    // A rescan that sees only known places writes nothing.
    if (known && !items.has(leakId)) continue;
    if (!known) {
      batchFindings.add(fid);
      item = {
        ...item,
        lastSeenAt: input.now,
        locations: item.locations + 1,
        severity: severityRank(severity) > severityRank(item.severity) ? severity : item.severity,
        // Once the key is known to be in git history, the steps include purging it.
        remediation: d.commit !== undefined ? remediationFor(item.provider, true) : item.remediation,
      };
      if (item.locations <= MAX_LOCATIONS_PER_LEAK) {
        const finding: LeakFinding = { id: fid, leakId, target: input.target, foundAt: input.now, ...d };
        ops.push({ op: 'put', coll: LEAK_FINDINGS, id: fid, value: finding });
      }
    }
    items.set(leakId, item);
  }
  for (const item of items.values()) ops.push({ op: 'put', coll: LEAKS, id: item.id, value: item });
  return { ops, newLeaks: newLeaks.map((l) => items.get(l.id)!) };
}
