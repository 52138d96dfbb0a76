import { randomBytes } from 'node:crypto';
import type { AuditEntry } from '../../shared/triage.js';
import { AUDIT } from '../audit/audit-log.js';
import type { StoreOp } from '../store/store.js';

/**
 * An audit-log entry for an incident change, committed with the change itself. Ids sort by time
 * like the triage log's; a random tail keeps them unique without sharing its counter.
 */
export function incidentAuditOp(e: Omit<AuditEntry, 'id' | 'target'> & { incidentId: string }): StoreOp {
  const id = `${Date.parse(e.at).toString(36).padStart(9, '0')}-i${randomBytes(4).toString('hex')}`;
  const value: AuditEntry = { id, at: e.at, actor: e.actor, action: e.action, target: { kind: 'incident', id: e.incidentId }, before: e.before, after: e.after };
  return { op: 'put', coll: AUDIT, id, value };
}
