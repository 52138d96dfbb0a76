import { randomBytes } from 'node:crypto';
import type { Alert } from '../../shared/alert.js';
import { SocdeckError } from '../../shared/errors.js';
import { formatAgo } from '../../shared/filter/index.js';
import type { ActionMethod, ActionResult, AlertTarget, ConflictInfo } from '../../shared/triage.js';
import { auditOp, diffFields } from '../audit/audit-log.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Store, StoreOp } from '../store/store.js';
import { seedIncident, type IncidentSeed } from './incident-seed.js';
import { applyAction, WORKFLOW_FIELDS, type ActionEnv, type ActionInput } from './workflow.js';
import { ALERTS, INCIDENTS } from '../collections.js';

/** The actor recorded for changes the daemon makes by itself (snooze wake-up). */
export const DAEMON_ACTOR = 'daemon';

/**
 * Runs workflow actions: checks revisions, applies the transition to every target, and commits
 * the alerts, their audit entries and any incident in ONE store commit, so a bulk action is one
 * journal line and either all of it happens or none.
 */
export class TriageService {
  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {}

  async act<M extends ActionMethod>(method: M, params: ActionInput<M> & { targets: AlertTarget[] }, actor: string): Promise<ActionResult> {
    const now = this.clock.now();
    const at = new Date(now).toISOString();
    const alerts = this.resolveTargets(params.targets, now);
    const ops: StoreOp[] = [];
    const env: ActionEnv = { actor, now };

    let incident: IncidentSeed | undefined;
    if (method === 'alerts.escalate') {
      const p = params as ActionInput<'alerts.escalate'>;
      incident = seedIncident(`INC-${now.toString(36).toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`, alerts, {
        actor,
        at,
        ...(p.title ? { title: p.title } : {}),
        ...(p.type ? { type: p.type } : {}),
      });
      env.incidentId = incident.id;
    } else if (method === 'alerts.link') {
      const id = (params as ActionInput<'alerts.link'>).incident;
      const existing = this.store.get<{ linkedAlerts?: string[] }>(INCIDENTS, id);
      if (!existing) throw new SocdeckError('not_found', `no incident ${id}`);
      env.incidentId = id;
      const linked = new Set([...(existing.linkedAlerts ?? []), ...alerts.map((a) => a.id)]);
      ops.push({ op: 'put', coll: INCIDENTS, id, value: { ...existing, linkedAlerts: [...linked] } });
    }

    const changed: Alert[] = [];
    for (const before of alerts) {
      const after = applyAction(method, before, params, env);
      if (after === before) continue;
      changed.push(after);
      ops.push({ op: 'put', coll: ALERTS, id: after.id, value: after });
      const diff = diffFields(before, after, WORKFLOW_FIELDS);
      if ((after.notes?.length ?? 0) > (before.notes?.length ?? 0)) diff.after.note = after.notes?.at(-1)?.text;
      ops.push(auditOp({ at, actor, action: method.slice('alerts.'.length), target: { kind: 'alert', id: after.id }, before: diff.before, after: diff.after }));
    }
    if (incident) {
      ops.push({ op: 'put', coll: INCIDENTS, id: incident.id, value: incident });
      ops.push(
        auditOp({
          at,
          actor,
          action: 'escalate',
          target: { kind: 'incident', id: incident.id },
          before: {},
          after: { title: incident.title, type: incident.type, linkedAlerts: incident.linkedAlerts },
        }),
      );
    }
    await this.store.commit(ops);
    if (changed.length > 0) this.bus.emit('alerts.upserted', changed);
    const byId = new Map(changed.map((a) => [a.id, a]));
    return {
      updated: alerts.map((a) => byId.get(a.id) ?? a).map((a) => ({ id: a.id, rev: a.rev, state: a.state, ...(a.assignee ? { assignee: a.assignee } : {}) })),
      ...(env.incidentId ? { incidentId: env.incidentId } : {}),
    };
  }

  /** Loads every target; unknown ids fail with not_found, stale revisions with one conflict naming who changed each. */
  private resolveTargets(targets: AlertTarget[], now: number): Alert[] {
    const seen = new Set<string>();
    const alerts: Alert[] = [];
    const missing: string[] = [];
    const conflicts: ConflictInfo[] = [];
    for (const t of targets) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      const a = this.store.get<Alert>(ALERTS, t.id);
      if (!a) {
        missing.push(t.id);
        continue;
      }
      if (t.rev !== undefined && t.rev !== a.rev) conflicts.push(conflictOf(a, t.rev));
      alerts.push(a);
    }
    if (missing.length > 0) throw new SocdeckError('not_found', `no alert ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (+${missing.length - 5} more)` : ''}`, { missing });
    if (conflicts.length > 0) {
      const c = conflicts[0]!;
      const more = conflicts.length > 1 ? ` (+${conflicts.length - 1} more stale)` : '';
      throw new SocdeckError('conflict', `alert ${c.id} was changed by ${c.changedBy} ${formatAgo(now - Date.parse(c.changedAt))} ago (${c.action}, rev ${c.rev}; you had rev ${c.yourRev})${more}`, {
        conflicts,
      });
    }
    return alerts;
  }
}

/** Names the last writer: every change that bumps `rev` records itself in lastChange (ingest repeats do not bump it). */
function conflictOf(a: Alert, yourRev: number): ConflictInfo {
  const lc = a.lastChange;
  return { id: a.id, yourRev, rev: a.rev, changedBy: lc?.actor ?? 'unknown', changedAt: lc?.at ?? a.lastSeen, action: lc?.action ?? 'change' };
}
