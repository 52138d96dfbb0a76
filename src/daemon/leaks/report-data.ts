import { SocdeckError } from '../../shared/errors.js';
import type { LeakFinding, LeakIncidentReport, LeakItem } from '../../shared/leak.js';
import type { CloudActivity } from '../../shared/cloud.js';
import { LEAK_CLOUD_ACTIVITY, LEAKS, LEAK_FINDINGS } from '../collections.js';

interface ReadStore {
  get<T>(coll: string, id: string): T | undefined;
  values<T>(coll: string): T[];
}

/** Where the key was public first, since when (its commit date) and who pushed it. */
function publicSince(findings: LeakFinding[]): string {
  const first = findings.find((f) => f.url);
  if (!first) return '';
  return ` Public at ${first.url}${first.date ? ` since ${first.date}` : ''}${first.author ? `, pushed by ${first.author}` : ''}.`;
}

function checked(leak: LeakItem): string {
  const v = leak.verification;
  if (!v) return '';
  return ` ${v.method} at ${v.checkedAt}: ${v.status}${v.account ? ` (account ${v.account})` : ''}${v.detail ? ` (${v.detail})` : ''}.`;
}

/**
 * Builds the Leak Incident Report for one leak as plain, already-masked data. Renderers
 * (Markdown, HTML) live in the reports module; nothing here can carry a clear secret because
 * the store never holds one.
 */
export function buildLeakIncidentReport(store: ReadStore, leakId: string, opts: { now: string; actor: string }): LeakIncidentReport {
  const leak = store.get<LeakItem>(LEAKS, leakId);
  if (!leak) throw new SocdeckError('not_found', `no leak ${leakId}`);
  const paired = leak.pairedWith ? store.get<LeakItem>(LEAKS, leak.pairedWith) : undefined;
  const findings = store
    .values<LeakFinding>(LEAK_FINDINGS)
    .filter((f) => f.leakId === leakId)
    .sort((a, b) => (a.date ?? a.foundAt).localeCompare(b.date ?? b.foundAt));
  const cloudActivity = store.get<CloudActivity>(LEAK_CLOUD_ACTIVITY, leakId);
  const where = leak.first.commit ? `commit ${leak.first.commit.slice(0, 12)} of ${leak.first.target}` : leak.first.target;
  return {
    kind: 'leak-incident',
    title: `Leak Incident Report: ${leak.title} ${leak.masked}`,
    customer: leak.customer,
    generatedAt: opts.now,
    generatedBy: opts.actor,
    leak,
    ...(paired ? { paired } : {}),
    locations: findings.map(({ id: _id, leakId: _leakId, ...rest }) => rest),
    locationsTotal: leak.locations,
    summary: `A ${leak.provider} credential (${leak.title}, ${leak.length} characters, fingerprint ${leak.fingerprint.slice(0, 23)}…) was found in ${where} (${leak.first.file}:${leak.first.line}) and in ${leak.locations} place(s) in total.${publicSince(findings)}${checked(leak)} Severity ${leak.severity}; answer due within ${leak.slaBusinessMinutes} business minutes of ${leak.detectedAt}.`,
    remediation: leak.remediation,
    ...(cloudActivity ? { cloudActivity } : {}),
  };
}
