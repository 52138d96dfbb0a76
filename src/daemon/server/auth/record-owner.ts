import type { AuditEntry } from '../../../shared/triage.js';
import { ADVISORIES, ALERTS, CASES, FINDINGS, INCIDENTS, INTEL_ASSETS, LEAKS, SCANS } from '../../collections.js';
import type { Store } from '../../store/store.js';

/** Where the records a method names by id live, by method prefix (longest first wins). */
const COLLECTION_OF_METHOD: readonly (readonly [string, string])[] = [
  ['alerts.', ALERTS],
  ['incidents.', INCIDENTS],
  ['leaks.', LEAKS],
  ['finding.', FINDINGS],
  ['scan.', SCANS],
  ['advisories.', ADVISORIES],
  ['cases.', CASES],
];

/** Audit targets that are customer records, by target kind. */
const COLLECTION_OF_AUDIT_KIND: Partial<Record<AuditEntry['target']['kind'], string>> = {
  alert: ALERTS,
  incident: INCIDENTS,
  leak: LEAKS,
  finding: FINDINGS,
  advisory: ADVISORIES,
  scan: SCANS,
};
/** Audit targets shared by every customer (the playbook library, the feeds). */
const SHARED_AUDIT_KINDS: ReadonlySet<string> = new Set(['playbook', 'feed']);

/** Report kinds that are built from one record, and where it lives. */
const COLLECTION_OF_REPORT_KIND: Readonly<Record<string, string>> = { advisory: ADVISORIES, leak: LEAKS, incident: INCIDENTS };

export function collectionOfMethod(method: string): string | undefined {
  return COLLECTION_OF_METHOD.find(([prefix]) => method.startsWith(prefix))?.[1];
}

/** The customer a stored record belongs to; undefined when there is no such record. */
export function ownerOf(store: Store, coll: string, id: string): string | undefined {
  const rec = store.get<{ customer?: unknown }>(coll, id);
  if (!rec) return undefined;
  return typeof rec.customer === 'string' ? rec.customer : 'default';
}

/**
 * Every customer a stored record belongs to: a campaign case (customer `*`) lists the customers
 * it spans. Undefined when there is no such record.
 */
export function ownersOf(store: Store, coll: string, id: string): string[] | undefined {
  const rec = store.get<{ customer?: unknown; customers?: unknown }>(coll, id);
  if (!rec) return undefined;
  if (rec.customer === '*' && Array.isArray(rec.customers)) return rec.customers.filter((c): c is string => typeof c === 'string');
  return [typeof rec.customer === 'string' ? rec.customer : 'default'];
}

/** Every record id a request names, with the collection it lives in. */
export function namedRecords(method: string, params: Record<string, unknown>): { coll: string; id: string }[] {
  const out: { coll: string; id: string }[] = [];
  const own = collectionOfMethod(method);
  const add = (coll: string | undefined, v: unknown) => {
    if (coll && typeof v === 'string') out.push({ coll, id: v });
  };
  if (method === 'reports.build') add(COLLECTION_OF_REPORT_KIND[String(params.kind)], params.id);
  else add(own, params.id);
  for (const v of asArray(params.ids)) add(own, v);
  for (const t of asArray(params.targets)) add(own, (t as { id?: unknown } | null)?.id);
  for (const v of asArray(params.fromAlerts)) add(ALERTS, v);
  // Answers about an asset (its history) need not name its customer, so the asset is checked here.
  if (method.startsWith('inventory.')) add(INTEL_ASSETS, params.asset);
  if (method === 'alerts.link' || method === 'cases.link') add(INCIDENTS, params.incident);
  return out;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Whether an audit entry's target is visible to a user of these customers. */
export function auditVisible(store: Store, e: AuditEntry, visible: (customer: string) => boolean): boolean {
  if (SHARED_AUDIT_KINDS.has(e.target.kind)) return true;
  const coll = COLLECTION_OF_AUDIT_KIND[e.target.kind];
  if (!coll) return false;
  const owner = ownerOf(store, coll, e.target.id);
  return owner !== undefined && visible(owner);
}
