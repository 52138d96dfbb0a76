import { randomBytes } from 'node:crypto';
import type { Alert } from '../../shared/alert.js';
import { SocdeckError } from '../../shared/errors.js';
import { INCIDENT_STATUSES, type Incident, type IncidentSummary, type PlaybookStatus } from '../../shared/incident.js';
import { incidentTypeInfo, suggestIncidentType } from '../../shared/incident-taxonomy.js';
import type { MethodParams } from '../../shared/protocol.js';
import { compareSeverity, severityRank, type Severity } from '../../shared/severity.js';
import type { PlaybookVersion } from '../../shared/playbook.js';
import { mustReport, type OperatorClass } from '../../shared/incident-grade.js';
import { gradeEvent, gradingOf, reportObservation } from './grading.js';
import { diffFields } from '../audit/audit-log.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Store, StoreOp } from '../store/store.js';
import { auditOp } from '../audit/audit-log.js';
import { needsAdoption, normaliseIncident, pinOf, playbookUpdated } from './incident-record.js';
import { addObservable, dedupeLinks, event, pushTimeline } from './incident-edits.js';
import { alertObservables, alertsContaining, type ObservableValue } from './observables.js';
import { ALERTS, INCIDENTS } from '../collections.js';

export interface IncidentDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  /** The current version of a playbook (the playbooks subsystem's catalog). */
  playbook(id: string): PlaybookVersion | undefined;
  /** The customer's operator class under the reporting 办法 (config `incidents.customers`). */
  operatorClass(customer: string): OperatorClass;
}

/** Fields whose before/after go into the audit log when they change. */
const AUDITED = ['title', 'severity', 'status', 'owner', 'summary', 'impact', 'loss', 'rootCause', 'lessons', 'hardening'] as const satisfies readonly (keyof Incident)[];
const OBSERVABLE_HITS = 20;

type Extra = { before?: Record<string, unknown>; after?: Record<string, unknown> } | void;

/**
 * Incident cases: every change is one store commit holding the new record and its audit entry,
 * attributed to the session actor, with a timeline event the analysts see.
 */
export class IncidentService {
  constructor(private readonly d: IncidentDeps) {}

  get(id: string): Incident {
    const raw = this.d.store.get<Record<string, unknown>>(INCIDENTS, id);
    if (!raw) throw new SocdeckError('not_found', `no incident ${id}`);
    return normaliseIncident(raw);
  }

  list(q: { status?: string[]; customer?: string; limit?: number }): { incidents: IncidentSummary[]; total: number } {
    const all = this.d.store
      .values<Record<string, unknown>>(INCIDENTS)
      .map(normaliseIncident)
      .filter((i) => (!q.status || q.status.includes(i.status)) && (!q.customer || i.customer === q.customer));
    all.sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || -compareSeverity(a.severity, b.severity) || b.updatedAt.localeCompare(a.updatedAt));
    return { incidents: all.slice(0, q.limit ?? 500).map((i) => this.summary(i)), total: all.length };
  }

  view(id: string): { incident: Incident; playbook: PlaybookStatus; observableHits: ReturnType<typeof alertsContaining> } {
    const incident = this.get(id);
    const latest = this.d.playbook(incident.type);
    return {
      incident,
      playbook: { updated: playbookUpdated(incident.playbook, latest), pinnedCommit: incident.playbook?.commit ?? null, latestCommit: latest?.commit ?? null, missing: !latest },
      observableHits: alertsContaining(this.d.store.values<Alert>(ALERTS), incident.observables, OBSERVABLE_HITS),
    };
  }

  async create(p: MethodParams<'incidents.create'>, actor: string): Promise<Incident> {
    const alerts = (p.fromAlerts ?? []).map((id) => this.alert(id));
    const type =
      p.type ?? (alerts.length > 0 ? suggestIncidentType({ title: alerts.map((a) => a.title).join(' '), mitre: alerts.flatMap((a) => a.mitre), tags: alerts.flatMap((a) => a.tags) }) : undefined);
    if (!type) throw new SocdeckError('invalid_params', 'type is required when the incident is not opened from alerts');
    const title = p.title ?? alerts[0]?.title;
    if (!title) throw new SocdeckError('invalid_params', 'title is required when the incident is not opened from alerts');
    const worst = alerts.reduce<Severity | undefined>((w, a) => (w === undefined || severityRank(a.severity) > severityRank(w) ? a.severity : w), undefined);
    const at = this.now();
    const incident: Incident = {
      id: this.newId(at),
      customer: p.customer ?? alerts[0]?.customer ?? 'default',
      title,
      type,
      severity: p.severity ?? worst ?? this.d.playbook(type)?.playbook.severity ?? incidentTypeInfo(type).severity,
      status: 'open',
      owner: p.owner ?? actor,
      linkedAlerts: [...new Set(alerts.map((a) => a.id))],
      absorbedAlerts: [],
      links: dedupeLinks(p.links ?? []),
      observables: [],
      timeline: [],
      checklist: [],
      hardening: [],
      createdBy: actor,
      createdAt: at,
      openedAt: at,
      updatedAt: at,
      rev: 0,
      ...(p.summary ? { summary: p.summary } : {}),
      ...(p.impact ? { impact: p.impact } : {}),
    };
    this.absorb(incident, at, actor);
    for (const l of incident.links) event(incident, at, actor, `linked ${l.kind} ${l.id}`);
    for (const o of p.observables ?? []) addObservable(incident, o, 'analyst', actor, at);
    await this.d.store.commit([
      { op: 'put', coll: INCIDENTS, id: incident.id, value: incident },
      auditOp({
        at,
        actor,
        action: 'incident.create',
        target: { kind: 'incident', id: incident.id },
        before: {},
        after: { title, type, severity: incident.severity, linkedAlerts: incident.linkedAlerts, links: incident.links, playbook: incident.playbook?.commit ?? null },
      }),
    ]);
    this.observeSla(incident, at);
    return incident;
  }

  update(p: MethodParams<'incidents.update'>, actor: string): Promise<Incident> {
    return this.change(p.id, actor, p.rev, 'incident.update', (i, at) => {
      const { id: _id, rev: _rev, ...fields } = p;
      const changed = Object.entries(fields).filter(([k, v]) => v !== undefined && JSON.stringify(i[k as keyof Incident]) !== JSON.stringify(v));
      if (changed.length === 0) throw new SocdeckError('invalid_params', 'nothing to update: every given field already has that value');
      Object.assign(i, Object.fromEntries(changed));
      event(i, at, actor, `updated ${changed.map(([k]) => k).join(', ')}`);
    });
  }

  transition(p: MethodParams<'incidents.transition'>, actor: string): Promise<Incident> {
    return this.change(p.id, actor, p.rev, 'incident.transition', (i, at) => {
      const from = INCIDENT_STATUSES.indexOf(i.status);
      const to = INCIDENT_STATUSES.indexOf(p.status);
      if (to <= from) throw new SocdeckError('conflict', `incident ${i.id} is ${i.status}; status only moves forward (${INCIDENT_STATUSES.join(' → ')})`);
      if (p.status === 'closed') {
        const missing = [!i.rootCause && 'root cause', !i.loss && 'loss assessment'].filter(Boolean);
        if (missing.length > 0) throw new SocdeckError('invalid_params', `closing ${i.id} needs ${missing.join(' and ')}: set them first (socdeck incident update ${i.id} --root-cause … --loss …)`);
        i.closedAt = at;
      }
      event(i, at, actor, `status ${i.status} → ${p.status}${p.reason ? `: ${p.reason}` : ''}`);
      i.status = p.status;
    });
  }

  note(id: string, text: string, actor: string): Promise<Incident> {
    return this.change(id, actor, undefined, 'incident.note', (i, at) => {
      pushTimeline(i, { at, actor, kind: 'note', text });
      return { after: { note: text } };
    });
  }

  check(id: string, stepId: string, done: boolean, actor: string): Promise<Incident> {
    return this.change(id, actor, undefined, 'incident.check', (i, at) => {
      const step = i.playbook?.steps.find((s) => s.id === stepId);
      if (!step)
        throw new SocdeckError(
          'not_found',
          `step ${stepId} is not in the playbook version incident ${id} follows (${i.playbook ? `${i.playbook.id}@${i.playbook.commit?.slice(0, 12) ?? 'uncommitted'}` : 'none pinned'})`,
        );
      const prev = i.checklist.find((c) => c.step === stepId);
      if ((prev?.done ?? false) === done) throw new SocdeckError('conflict', `step ${stepId} is already ${done ? 'done' : 'not done'}${prev ? ` (${prev.by}, ${prev.at})` : ''}`);
      i.checklist = [...i.checklist.filter((c) => c.step !== stepId), { step: stepId, phase: step.phase, text: `${step.zh} / ${step.en}`, done, by: actor, at }];
      event(i, at, actor, `${done ? 'done' : 'reopened'} ${step.phase}/${stepId}: ${step.en}`);
      return { before: { step: stepId, done: prev?.done ?? false }, after: { step: stepId, done } };
    });
  }

  repin(id: string, actor: string): Promise<Incident> {
    return this.change(id, actor, undefined, 'incident.repin', (i, at) => {
      const latest = this.d.playbook(i.type);
      if (!latest) throw new SocdeckError('not_found', `playbook ${i.type} is not loaded (see \`socdeck playbooks lint\`)`);
      if (i.playbook && !playbookUpdated(i.playbook, latest))
        throw new SocdeckError('conflict', `incident ${id} already follows the latest ${latest.id} (${latest.commit?.slice(0, 12) ?? 'uncommitted'})`);
      const before = i.playbook?.commit ?? null;
      i.playbook = pinOf(latest, actor, at);
      const kept = new Set(i.playbook.steps.map((s) => s.id));
      const dropped = i.checklist.filter((c) => !kept.has(c.step)).map((c) => c.step);
      event(
        i,
        at,
        actor,
        `re-pinned playbook ${latest.id} ${before?.slice(0, 12) ?? 'none'} → ${latest.commit?.slice(0, 12) ?? 'uncommitted'}${dropped.length ? `; steps no longer in it: ${dropped.join(', ')}` : ''}`,
      );
      return { before: { playbook: before }, after: { playbook: latest.commit } };
    });
  }

  link(p: MethodParams<'incidents.link'>, actor: string): Promise<Incident> {
    return this.change(p.id, actor, undefined, 'incident.link', (i, at) => {
      const alerts = (p.alerts ?? []).map((id) => this.alert(id).id).filter((id) => !i.linkedAlerts.includes(id));
      const items = dedupeLinks(p.items ?? []).filter((l) => !i.links.some((x) => x.kind === l.kind && x.id === l.id));
      if (alerts.length === 0 && items.length === 0) throw new SocdeckError('invalid_params', 'nothing to link: the given alerts and items are already linked');
      i.linkedAlerts = [...i.linkedAlerts, ...alerts];
      i.links = [...i.links, ...items];
      this.absorb(i, at, actor);
      for (const l of items) event(i, at, actor, `linked ${l.kind} ${l.id}`);
      return { after: { alerts, items } };
    });
  }

  observe(id: string, o: ObservableValue, actor: string): Promise<Incident> {
    return this.change(id, actor, undefined, 'incident.observe', (i, at) => {
      if (!addObservable(i, o, 'analyst', actor, at)) throw new SocdeckError('conflict', `${o.kind} ${o.value} is already an observable of ${id}`);
      event(i, at, actor, `observable ${o.kind} ${o.value}`);
      return { after: { observable: o } };
    });
  }

  /**
   * Takes in triage seeds and alerts linked from outside (triage `alerts.link`): pins the playbook,
   * extracts observables, writes the timeline. Returns the ids it adopted.
   */
  async adoptPending(): Promise<string[]> {
    const at = this.now();
    const ops: StoreOp[] = [];
    const adopted: Incident[] = [];
    for (const raw of this.d.store.values<Record<string, unknown>>(INCIDENTS)) {
      const i = normaliseIncident(raw);
      if (!needsAdoption(raw, i)) continue;
      this.absorb(i, at, i.createdBy);
      i.updatedAt = at;
      ops.push({ op: 'put', coll: INCIDENTS, id: i.id, value: i });
      adopted.push(i);
    }
    await this.d.store.commit(ops);
    for (const i of adopted) this.observeSla(i, i.openedAt);
    return adopted.map((i) => i.id);
  }

  /** Reports every incident's state to the SLA clocks (re-sending a state is a no-op there). */
  observeAll(): void {
    for (const raw of this.d.store.values<Record<string, unknown>>(INCIDENTS)) {
      const i = normaliseIncident(raw);
      this.observeSla(i, i.updatedAt);
    }
  }

  /** Grades the incident; at 较大 or above its reporting clock starts (see grading.ts). */
  async grade(p: MethodParams<'incidents.grade'>, actor: string): Promise<Incident> {
    const next = await this.change(p.id, actor, p.rev, 'incident.grade', (i, at) => {
      const before = i.grading;
      i.grading = gradingOf(p.grade, p.criteria ?? [], this.d.operatorClass(i.customer), actor, at, before);
      event(i, at, actor, gradeEvent(i.grading));
      return { before: { grading: before ?? null }, after: { grading: i.grading } };
    });
    this.observeSla(next, next.updatedAt);
    return next;
  }

  /** Records that the report was filed with the regulator, which stops the reporting clock. */
  async reported(p: MethodParams<'incidents.reported'>, actor: string): Promise<Incident> {
    const next = await this.change(p.id, actor, p.rev, 'incident.reported', (i, at) => {
      if (!i.grading || !mustReport(i.grading.grade)) throw new SocdeckError('invalid_params', `incident ${i.id} is not graded 较大 or above: no report is due`);
      i.grading = { ...i.grading, reportedAt: at, reportedBy: actor };
      event(i, at, actor, 'report filed with the regulator');
      return { before: { reportedAt: null }, after: { reportedAt: at } };
    });
    this.observeSla(next, next.updatedAt);
    return next;
  }

  private async change(id: string, actor: string, rev: number | undefined, action: string, fn: (i: Incident, at: string) => Extra): Promise<Incident> {
    const before = this.get(id);
    if (rev !== undefined && rev !== before.rev) {
      throw new SocdeckError('conflict', `incident ${id} changed since you loaded it (your rev ${rev}, now ${before.rev}); reload and try again`, { rev: before.rev, yourRev: rev });
    }
    const at = this.now();
    const next = structuredClone(before);
    this.absorb(next, at, actor);
    const extra = fn(next, at) ?? {};
    next.rev = before.rev + 1;
    next.updatedAt = at;
    const diff = diffFields(before, next, AUDITED);
    await this.d.store.commit([
      { op: 'put', coll: INCIDENTS, id, value: next },
      auditOp({ at, actor, action, target: { kind: 'incident', id }, before: { ...diff.before, ...extra.before }, after: { ...diff.after, ...extra.after } }),
    ]);
    if (before.status !== next.status || before.severity !== next.severity || before.owner !== next.owner) this.observeSla(next, at);
    return next;
  }

  /** Pulls in linked alerts not yet absorbed and pins the playbook when none is pinned. */
  private absorb(i: Incident, at: string, actor: string): void {
    const absorbed = new Set(i.absorbedAlerts);
    const fresh = i.linkedAlerts.filter((id) => !absorbed.has(id));
    if (i.timeline.length === 0) event(i, i.createdAt, i.createdBy, fresh.length > 0 ? `opened from ${fresh.length} alert${fresh.length > 1 ? 's' : ''}` : 'opened');
    for (const id of fresh) {
      absorbed.add(id);
      const a = this.d.store.get<Alert>(ALERTS, id);
      if (!a) {
        event(i, at, actor, `alert ${id} linked (no longer in the store)`);
        continue;
      }
      if (i.customer === 'default' && a.customer !== 'default') i.customer = a.customer;
      const added = alertObservables(a).filter((o) => addObservable(i, o, `alert:${a.id}`, actor, at));
      // Triage records who linked the alert on the alert itself.
      const by = a.lastChange && (a.lastChange.action === 'escalate' || a.lastChange.action === 'link') ? a.lastChange.actor : actor;
      event(i, at, by, `alert ${a.id} linked: [${a.severity}] ${a.title}${added.length ? ` (${added.map((o) => `${o.kind} ${o.value}`).join(', ')})` : ''}`);
    }
    i.absorbedAlerts = [...absorbed];
    if (!i.playbook) {
      const v = this.d.playbook(i.type);
      if (v) {
        i.playbook = pinOf(v, i.createdBy, at);
        event(i, at, i.createdBy, `pinned playbook ${v.id} at ${v.commit?.slice(0, 12) ?? 'uncommitted version'}`);
      }
    }
  }

  private summary(i: Incident): IncidentSummary {
    const steps = new Set(i.playbook?.steps.map((s) => s.id));
    return {
      id: i.id,
      customer: i.customer,
      title: i.title,
      type: i.type,
      severity: i.severity,
      status: i.status,
      ...(i.owner ? { owner: i.owner } : {}),
      openedAt: i.openedAt,
      updatedAt: i.updatedAt,
      rev: i.rev,
      alerts: i.linkedAlerts.length,
      stepsDone: i.checklist.filter((c) => c.done && steps.has(c.step)).length,
      stepsTotal: steps.size,
      playbookUpdated: playbookUpdated(i.playbook, this.d.playbook(i.type)),
    };
  }

  private observeSla(i: Incident, at: string): void {
    const report = reportObservation(i);
    this.d.bus.emit('sla.observed', [
      { kind: 'incident', id: i.id, severity: i.severity, state: i.status, at, createdAt: i.openedAt, customer: i.customer, title: i.title, ...(i.owner ? { assignee: i.owner } : {}) },
      ...(report ? [report] : []),
    ]);
  }

  private alert(id: string): Alert {
    const a = this.d.store.get<Alert>(ALERTS, id);
    if (!a) throw new SocdeckError('not_found', `no alert ${id}`);
    return a;
  }

  private newId(at: string): string {
    for (;;) {
      const id = `INC-${at.slice(0, 10).replaceAll('-', '')}-${randomBytes(2).toString('hex').toUpperCase()}`;
      if (!this.d.store.get(INCIDENTS, id)) return id;
    }
  }

  private now(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}
