import { z } from 'zod';
import { SocdeckError } from '../../../shared/errors.js';
import { inScope, type CustomerScope } from '../../../shared/permissions.js';
import { Methods, type MethodName } from '../../../shared/protocol.js';
import type { AuditEntry } from '../../../shared/triage.js';
import type { Store } from '../../store/store.js';
import { auditVisible, namedRecords, ownerOf } from './record-owner.js';

/**
 * Customer scoping at the RPC layer, for users who see only some customers: requests may name
 * only their customers and their customers' records, and answers carry nothing else. Whatever
 * lies outside reads exactly like what does not exist, so `globex` cannot be learnt.
 */
export class CustomerScoper {
  constructor(private readonly store: Store) {}

  /** The params to run with: a customer given is checked, and a user of one customer gets it filled in. */
  scopeParams(method: MethodName, raw: unknown, scope: CustomerScope): unknown {
    if (scope === 'all') return raw;
    const params = raw ?? {};
    // Malformed params are the validator's to refuse, with its own message.
    if (!isRecord(params)) return raw;
    for (const { coll, id } of namedRecords(method, params)) {
      const owner = ownerOf(this.store, coll, id);
      if (owner !== undefined && !inScope(scope, owner)) throw new SocdeckError('not_found', `no record ${id}`);
    }
    if (typeof params.customer === 'string') {
      if (!inScope(scope, params.customer)) throw new SocdeckError('not_found', `no customer ${params.customer}`);
      return raw;
    }
    return takesCustomer(method) && scope.length === 1 ? { ...params, customer: scope[0] } : raw;
  }

  /** The answer without other customers' records; a single record of another customer is not_found. */
  scopeResult(method: MethodName, result: unknown, scope: CustomerScope): unknown {
    if (scope === 'all') return result;
    if (UNATTRIBUTED.has(method)) return blank(result);
    const visible = (c: string) => inScope(scope, c);
    if (method === 'audit.list') {
      const r = result as { entries: AuditEntry[]; total: number };
      const entries = r.entries.filter((e) => auditVisible(this.store, e, visible));
      return { entries, total: r.total - (r.entries.length - entries.length) };
    }
    const out = prune(result, visible);
    if (out === OUT) throw new SocdeckError('not_found', `no such record`);
    return out;
  }
}

const OUT = Symbol('out of scope');

/**
 * Lists whose entries name no customer but may carry any customer's data (quarantined raw
 * records, notification texts, suppression filters): a user of some customers gets them empty.
 */
const UNATTRIBUTED: ReadonlySet<MethodName> = new Set(['quarantine.list', 'notify.outbox', 'suppressions.list']);

function blank(result: unknown): unknown {
  if (!isRecord(result)) return result;
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Array.isArray(v) ? [] : typeof v === 'number' ? 0 : v]));
}

function prune(v: unknown, visible: (c: string) => boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => prune(x, visible)).filter((x) => x !== OUT);
  if (!isRecord(v)) return v;
  if (typeof v.customer === 'string' && !visible(v.customer)) return OUT;
  const out: Record<string, unknown> = {};
  let removed = 0;
  for (const [k, x] of Object.entries(v)) {
    const p = prune(x, visible);
    if (p === OUT) return OUT;
    if (Array.isArray(x) && Array.isArray(p)) removed += x.length - p.length;
    out[k] = p;
  }
  // A list's total counts what was left out as well; the caller must not see those counted.
  if (removed > 0 && typeof out.total === 'number') out.total -= removed;
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const takesCustomerCache = new Map<string, boolean>();

/** Whether a method's params have a top-level `customer`. */
function takesCustomer(method: MethodName): boolean {
  let known = takesCustomerCache.get(method);
  if (known === undefined) {
    known = objectShape(Methods[method].params)?.customer !== undefined;
    takesCustomerCache.set(method, known);
  }
  return known;
}

function objectShape(t: z.ZodType): Record<string, unknown> | undefined {
  if (t instanceof z.ZodObject) return t.shape as Record<string, unknown>;
  if (t instanceof z.ZodOptional || t instanceof z.ZodDefault) return objectShape(t.unwrap() as z.ZodType);
  return undefined;
}
