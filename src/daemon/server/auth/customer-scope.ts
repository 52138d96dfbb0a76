import { z } from 'zod';
import { SocdeckError } from '../../../shared/errors.js';
import { inScope, type CustomerScope } from '../../../shared/permissions.js';
import { Methods, type MethodName } from '../../../shared/protocol.js';
import type { AuditEntry } from '../../../shared/triage.js';
import type { Store } from '../../store/store.js';
import { auditVisible, namedRecords, ownersOf } from './record-owner.js';

/**
 * Customer scoping at the RPC layer, for users who see only some customers: requests may name
 * only their customers and their customers' records, and answers carry nothing else. Whatever
 * lies outside reads exactly like what does not exist, so `globex` cannot be learnt.
 */
export class CustomerScoper {
  constructor(private readonly store: Store) {}

  /** The params to run with: a customer given is checked, and a user of one customer gets it filled in. */
  scopeParams(method: MethodName, raw: unknown, scope: CustomerScope): unknown {
    // session.narrow names a customer of the user's own scope, which the connection checks.
    if (scope === 'all' || method === 'session.narrow') return raw;
    const params = raw ?? {};
    // Malformed params are the validator's to refuse, with its own message.
    if (!isRecord(params)) return raw;
    for (const { coll, id } of namedRecords(method, params)) {
      // A record spanning customers is the service's to show in part (or refuse to change) when one of them is the user's.
      const owners = ownersOf(this.store, coll, id);
      if (owners !== undefined && !owners.some((o) => inScope(scope, o))) throw new SocdeckError('not_found', `no record ${id}`);
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
      return { ...r, entries, total: r.total - (r.entries.length - entries.length) };
    }
    const out = prune(result, visible);
    if (out === OUT) throw new SocdeckError('not_found', `no such record`);
    return out;
  }
}

/**
 * The scoped answer of a call, for a user of several customers with a list's total made the sum
 * of each customer's own: a page cut at its limit cannot say how many other customers' records
 * lay beyond it, so subtracting what was cut from the page alone would still count them.
 */
export async function scopedAnswer(scoper: CustomerScoper, method: MethodName, params: unknown, scope: CustomerScope, call: (params: unknown) => Promise<unknown>): Promise<unknown> {
  const result = scoper.scopeResult(method, await call(params), scope);
  const p = params ?? {};
  if (scope === 'all' || scope.length < 2 || !takesCustomer(method) || !isRecord(p) || p.customer !== undefined || !isRecord(result) || typeof result.total !== 'number') return result;
  const one = takesLimit(method) ? { limit: 1 } : {};
  let total = 0;
  for (const customer of scope) {
    const r = await call({ ...p, ...one, customer });
    total += isRecord(r) && typeof r.total === 'number' ? r.total : 0;
  }
  return { ...result, total };
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
  if (typeof v.customer === 'string' && !visible(v.customer) && !spansOnlyVisible(v, visible)) return OUT;
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

/** A record of several customers (customer `*`, e.g. a campaign case) whose every customer the user sees. */
function spansOnlyVisible(v: Record<string, unknown>, visible: (c: string) => boolean): boolean {
  return v.customer === '*' && Array.isArray(v.customers) && v.customers.length > 0 && v.customers.every((c) => typeof c === 'string' && visible(c));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const takesParamCache = new Map<string, boolean>();

/** Whether a method's params have this top-level field. */
function takesParam(method: MethodName, field: string): boolean {
  const key = `${method} ${field}`;
  let known = takesParamCache.get(key);
  if (known === undefined) {
    known = objectShape(Methods[method].params)?.[field] !== undefined;
    takesParamCache.set(key, known);
  }
  return known;
}

const takesCustomer = (method: MethodName) => takesParam(method, 'customer');
const takesLimit = (method: MethodName) => takesParam(method, 'limit');

function objectShape(t: z.ZodType): Record<string, unknown> | undefined {
  if (t instanceof z.ZodObject) return t.shape as Record<string, unknown>;
  if (t instanceof z.ZodOptional || t instanceof z.ZodDefault) return objectShape(t.unwrap() as z.ZodType);
  return undefined;
}
