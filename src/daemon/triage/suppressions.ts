import { randomBytes } from 'node:crypto';
import type { Alert } from '../../shared/alert.js';
import { SocdeckError } from '../../shared/errors.js';
import { compileFilter, compileFilterParam, type AlertPredicate, type CompiledFilter } from '../../shared/filter/index.js';
import type { SuppressionRule, SuppressionView } from '../../shared/triage.js';
import { auditOp } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { ALERTS, SUPPRESSIONS } from '../collections.js';

/**
 * Read side of suppression rules: which alerts a live rule hides. Rules are evaluated when
 * read, never written into alerts, so a suppressed alert is still there (and counted), and a
 * rule stops matching the moment it expires.
 */
export class SuppressionIndex {
  private readonly compiled = new Map<string, CompiledFilter>();

  constructor(private readonly store: Store) {}

  /** The rules in force at `now`, with their compiled filters. */
  active(now: number): { rule: SuppressionRule; match: AlertPredicate; timeRelative: boolean }[] {
    const out: { rule: SuppressionRule; match: AlertPredicate; timeRelative: boolean }[] = [];
    const rules = this.store.values<SuppressionRule>(SUPPRESSIONS);
    // Removed rules leave the cache too, so it stays as small as the rule list.
    if (this.compiled.size > rules.length) {
      const ids = new Set(rules.map((r) => r.id));
      for (const id of this.compiled.keys()) if (!ids.has(id)) this.compiled.delete(id);
    }
    for (const rule of rules) {
      if (Date.parse(rule.expiresAt) <= now) continue;
      let c = this.compiled.get(rule.id);
      if (!c || c.text !== rule.filter.trim()) {
        c = compileFilter(rule.filter);
        this.compiled.set(rule.id, c);
      }
      out.push({ rule, match: c.match, timeRelative: c.timeRelative });
    }
    return out;
  }

  /** A predicate for "hidden by some live rule". */
  suppressor(now: number): (a: Alert) => boolean {
    return suppressedBy(this.active(now), now);
  }
}

/** A predicate for "hidden by one of these rules"; `assignee:me` in a rule means its author. */
export function suppressedBy(rules: readonly { rule: SuppressionRule; match: AlertPredicate }[], now: number): (a: Alert) => boolean {
  if (rules.length === 0) return () => false;
  return (a) => rules.some((r) => r.match(a, { now, me: r.rule.createdBy }));
}

/** Write side: add, list (with expiry and live match counts) and remove, each audited. */
export class SuppressionRules {
  readonly index: SuppressionIndex;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.index = new SuppressionIndex(store);
  }

  async add(p: { filter: string; reason: string; until: string }, actor: string): Promise<SuppressionView> {
    compileFilterParam(p.filter, 'filter');
    const now = this.clock.now();
    if (Date.parse(p.until) <= now) throw new SocdeckError('invalid_params', `until: ${p.until} is not in the future`);
    const at = new Date(now).toISOString();
    const rule: SuppressionRule = {
      id: `sup-${now.toString(36)}${randomBytes(2).toString('hex')}`,
      filter: p.filter.trim(),
      reason: p.reason,
      expiresAt: new Date(Date.parse(p.until)).toISOString(),
      createdBy: actor,
      createdAt: at,
    };
    await this.store.commit([
      { op: 'put', coll: SUPPRESSIONS, id: rule.id, value: rule },
      auditOp({ at, actor, action: 'suppress', target: { kind: 'suppression', id: rule.id }, before: {}, after: { filter: rule.filter, reason: rule.reason, expiresAt: rule.expiresAt } }),
    ]);
    return this.view(rule, now);
  }

  list(): SuppressionView[] {
    const now = this.clock.now();
    return this.store
      .values<SuppressionRule>(SUPPRESSIONS)
      .map((r) => this.view(r, now))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  async remove(id: string, actor: string): Promise<void> {
    const rule = this.store.get<SuppressionRule>(SUPPRESSIONS, id);
    if (!rule) throw new SocdeckError('not_found', `no suppression rule ${id}`);
    const at = new Date(this.clock.now()).toISOString();
    await this.store.commit([
      { op: 'del', coll: SUPPRESSIONS, id },
      auditOp({ at, actor, action: 'unsuppress', target: { kind: 'suppression', id }, before: { filter: rule.filter, reason: rule.reason, expiresAt: rule.expiresAt }, after: {} }),
    ]);
  }

  private view(rule: SuppressionRule, now: number): SuppressionView {
    const expired = Date.parse(rule.expiresAt) <= now;
    let matching = 0;
    if (!expired) {
      const match = compileFilter(rule.filter).match;
      for (const a of this.store.values<Alert>(ALERTS)) if (match(a, { now, me: rule.createdBy })) matching++;
    }
    return { ...rule, expired, matching };
  }
}
