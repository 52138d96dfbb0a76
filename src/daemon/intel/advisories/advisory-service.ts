import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SocdeckError } from '../../../shared/errors.js';
import type { Advisory, AdvisoryState } from '../../../shared/intel.js';
import { severityRank, type Severity } from '../../../shared/severity.js';
import { auditOp } from '../../audit/audit-log.js';
import type { Bus } from '../../bus.js';
import type { Clock } from '../../clock.js';
import type { Store, StoreOp } from '../../store/store.js';
import { COLL } from '../feeds/vuln-record.js';
import type { AdvisoryContent } from './advisory-builder.js';
import { renderAdvisoryMarkdown } from './advisory-markdown.js';

export const ADVISORY_ACTIONS = ['review', 'publish', 'dismiss'] as const;
export type AdvisoryAction = (typeof ADVISORY_ACTIONS)[number];

/** The workflow: draft → reviewed → published; draft or reviewed → dismissed (with a reason). */
const TRANSITIONS: Record<AdvisoryAction, { from: AdvisoryState[]; to: AdvisoryState }> = {
  review: { from: ['draft'], to: 'reviewed' },
  publish: { from: ['reviewed'], to: 'published' },
  dismiss: { from: ['draft', 'reviewed'], to: 'dismissed' },
};

/** Advisory state in the SLA module's words (its default respond / resolve state lists). */
const SLA_STATE: Record<AdvisoryState, string> = { draft: 'new', reviewed: 'in_progress', published: 'resolved', dismissed: 'closed' };
/** The 30-business-minute promise covers high and critical advisories. */
const SLA_MIN: Severity = 'high';

const CONTENT_KEYS = ['severity', 'affected', 'cvss', 'kev', 'fixedVersions', 'exposure'] as const;

export class AdvisoryService {
  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly reportsDir: string,
  ) {}

  list(q: { state?: AdvisoryState[]; customer?: string; limit?: number }): { advisories: Advisory[]; total: number } {
    const all = this.store
      .values<Advisory>(COLL.advisories)
      .filter((a) => (!q.state || q.state.includes(a.state)) && (!q.customer || a.customer === q.customer))
      // New work first: drafts, then reviewed; within a state most severe, then newest.
      .sort((a, b) => stateRank(a.state) - stateRank(b.state) || severityRank(b.severity) - severityRank(a.severity) || b.createdAt.localeCompare(a.createdAt));
    return { advisories: all.slice(0, q.limit ?? 500), total: all.length };
  }

  get(id: string): Advisory {
    const a = this.store.get<Advisory>(COLL.advisories, id);
    if (!a) throw new SocdeckError('not_found', `no advisory ${id}`);
    return a;
  }

  /**
   * Stores the advisories a match run produced: new ones as drafts (emitting `advisory.created`
   * and starting SLA clocks for high/critical), open ones refreshed when their content changed.
   * Published and dismissed advisories keep their state; a change to them is noted in history.
   */
  async sync(contents: AdvisoryContent[], minSeverity: Severity): Promise<{ created: Advisory[]; updated: number }> {
    const at = new Date(this.clock.now()).toISOString();
    const ops: StoreOp[] = [];
    const created: Advisory[] = [];
    let updated = 0;
    for (const c of contents) {
      const existing = this.store.get<Advisory>(COLL.advisories, c.id);
      if (!existing) {
        if (severityRank(c.severity) < severityRank(minSeverity)) continue;
        const a: Advisory = { ...c, state: 'draft', createdAt: at, updatedAt: at, rev: 1, history: [{ at, actor: 'daemon', action: 'created', note: c.severityReason }] };
        created.push(a);
        ops.push({ op: 'put', coll: COLL.advisories, id: a.id, value: a });
        continue;
      }
      const changed = CONTENT_KEYS.filter((k) => JSON.stringify(existing[k]) !== JSON.stringify(c[k]));
      if (changed.length === 0) continue;
      const next: Advisory = {
        ...existing,
        ...c,
        updatedAt: at,
        rev: existing.rev + 1,
        history: [...existing.history, { at, actor: 'daemon', action: 'refreshed', note: `changed: ${changed.join(', ')}` }].slice(-200),
      };
      updated++;
      ops.push({ op: 'put', coll: COLL.advisories, id: next.id, value: next });
    }
    await this.store.commit(ops);
    for (const a of created) this.bus.emit('advisory.created', a);
    this.observe(created);
    return { created, updated };
  }

  /** An analyst's workflow step, attributed and revision-checked. */
  async transition(id: string, action: AdvisoryAction, actor: string, opts: { rev?: number; reason?: string } = {}): Promise<Advisory> {
    const a = this.get(id);
    if (opts.rev !== undefined && opts.rev !== a.rev) {
      const last = a.history.at(-1);
      throw new SocdeckError('conflict', `advisory ${id} changed since you loaded it (rev ${opts.rev} → ${a.rev}${last ? `, last: ${last.action} by ${last.actor}` : ''})`);
    }
    const t = TRANSITIONS[action];
    if (!t.from.includes(a.state)) throw new SocdeckError('conflict', `cannot ${action} advisory ${id} in state ${a.state} (allowed from: ${t.from.join(', ')})`);
    const reason = opts.reason?.trim();
    if (action === 'dismiss' && !reason) throw new SocdeckError('invalid_params', `dismissing advisory ${id} needs a reason`);
    const at = new Date(this.clock.now()).toISOString();
    const next: Advisory = {
      ...a,
      state: t.to,
      updatedAt: at,
      rev: a.rev + 1,
      ...(action === 'dismiss' ? { dismissReason: reason } : {}),
      history: [...a.history, { at, actor, action, ...(reason ? { note: reason } : {}) }].slice(-200),
    };
    if (action === 'publish') {
      mkdirSync(this.reportsDir, { recursive: true, mode: 0o700 });
      const file = join(this.reportsDir, `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.md`);
      writeFileSync(file, renderAdvisoryMarkdown(next, actor, at), { mode: 0o600 });
      next.report = file;
    }
    const audit = auditOp({ at, actor, action: `advisory.${action}`, target: { kind: 'advisory', id }, before: { state: a.state }, after: { state: next.state, ...(reason ? { reason } : {}) } });
    await this.store.commit([{ op: 'put', coll: COLL.advisories, id, value: next }, audit]);
    this.observe([next]);
    return next;
  }

  /** Re-reports open high/critical advisories so SLA clocks heal after a restart (idempotent there). */
  observeOpen(): void {
    this.observe(this.store.values<Advisory>(COLL.advisories).filter((a) => a.state === 'draft' || a.state === 'reviewed'));
  }

  private observe(advisories: Advisory[]): void {
    const items = advisories
      .filter((a) => severityRank(a.severity) >= severityRank(SLA_MIN))
      .map((a) => ({ kind: 'advisory' as const, id: a.id, severity: a.severity, state: SLA_STATE[a.state], at: a.updatedAt, createdAt: a.createdAt, customer: a.customer, title: a.title }));
    if (items.length > 0) this.bus.emit('sla.observed', items);
  }
}

function stateRank(s: AdvisoryState): number {
  return ['draft', 'reviewed', 'published', 'dismissed'].indexOf(s);
}
