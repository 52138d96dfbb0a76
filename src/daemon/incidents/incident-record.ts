import type { IncidentGrading } from '../../shared/incident-grade.js';
import { IncidentStatus, type Incident, type PlaybookPin } from '../../shared/incident.js';
import { isIncidentType, suggestIncidentType } from '../../shared/incident-taxonomy.js';
import { allSteps, type PlaybookVersion } from '../../shared/playbook.js';
import { Severity } from '../../shared/severity.js';

/** The collection incidents live in; triage seeds minimal records into it on escalation. */

/**
 * Reads a stored record as a full Incident, filling what a triage seed (or an older version of
 * this module) leaves out. Pure: the caller decides whether to write the result back.
 */
export function normaliseIncident(raw: Record<string, unknown>): Incident {
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const arr = <T>(k: string) => (Array.isArray(raw[k]) ? (raw[k] as T[]) : []);
  const createdAt = str('createdAt') ?? str('openedAt') ?? new Date(0).toISOString();
  const type = str('type');
  const status = IncidentStatus.safeParse(raw.status);
  const severity = Severity.safeParse(raw.severity);
  const out: Incident = {
    id: String(raw.id),
    customer: str('customer') ?? 'default',
    title: str('title') ?? String(raw.id),
    type: type && isIncidentType(type) ? type : suggestIncidentType({ title: str('title') ?? '' }),
    severity: severity.success ? severity.data : 'medium',
    status: status.success ? status.data : 'open',
    linkedAlerts: arr<string>('linkedAlerts'),
    absorbedAlerts: arr<string>('absorbedAlerts'),
    links: arr('links'),
    observables: arr('observables'),
    timeline: arr('timeline'),
    checklist: arr('checklist'),
    hardening: arr<string>('hardening'),
    createdBy: str('createdBy') ?? 'unknown',
    createdAt,
    openedAt: str('openedAt') ?? createdAt,
    updatedAt: str('updatedAt') ?? createdAt,
    rev: typeof raw.rev === 'number' ? raw.rev : 0,
  };
  for (const k of ['owner', 'summary', 'impact', 'loss', 'rootCause', 'lessons', 'closedAt'] as const) {
    const v = str(k);
    if (v !== undefined) out[k] = v;
  }
  if (raw.playbook && typeof raw.playbook === 'object') out.playbook = raw.playbook as PlaybookPin;
  if (raw.grading && typeof raw.grading === 'object') out.grading = raw.grading as IncidentGrading;
  return out;
}

/** True when the record needs adoption: a seed, or alerts linked since it was last absorbed. */
export function needsAdoption(raw: Record<string, unknown>, i: Incident): boolean {
  if (typeof raw.openedAt !== 'string' || !Array.isArray(raw.timeline)) return true;
  const absorbed = new Set(i.absorbedAlerts);
  return i.linkedAlerts.some((id) => !absorbed.has(id));
}

export function pinOf(v: PlaybookVersion, actor: string, at: string): PlaybookPin {
  return {
    id: v.id,
    file: v.file,
    ...(v.commit ? { commit: v.commit } : {}),
    contentHash: v.contentHash,
    pinnedAt: at,
    pinnedBy: actor,
    steps: allSteps(v.playbook).map((s) => ({ id: s.id, phase: s.phase, zh: s.zh, en: s.en })),
  };
}

/** The latest playbook differs from the pinned one: by commit, or by content while uncommitted. */
export function playbookUpdated(pin: PlaybookPin | undefined, latest: PlaybookVersion | undefined): boolean {
  if (!pin || !latest) return false;
  if (pin.commit || latest.commit) return (pin.commit ?? null) !== latest.commit;
  return pin.contentHash !== latest.contentHash;
}
