/**
 * Incident cases (应急响应事件): the record kept in the `incidents` collection, its wire methods
 * and the plain-data Incident Response Report. Triage may seed a minimal record
 * `{id, title, type, severity, status:'open', owner, linkedAlerts, createdBy, createdAt}`; the
 * incidents subsystem adopts it into this full shape.
 */
import { z } from 'zod';
import { MAX_NOTE_LENGTH } from './alert.js';
import { GRADE_CRITERION_IDS, IncidentGrade, IncidentGrading } from './incident-grade.js';
import { IncidentTypeSchema } from './incident-taxonomy.js';
import { PlaybookPhase } from './playbook.js';
import { Severity } from './severity.js';

export const INCIDENT_STATUSES = ['open', 'contained', 'eradicated', 'recovered', 'closed'] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const OBSERVABLE_KINDS = ['ip', 'domain', 'url', 'hash', 'account', 'host', 'file', 'email'] as const;
export const ObservableKind = z.enum(OBSERVABLE_KINDS);
export type ObservableKind = z.infer<typeof ObservableKind>;

/** Items an incident can be opened from or linked to (alerts are kept in `linkedAlerts`). */
export const LINK_KINDS = ['advisory', 'leak', 'finding'] as const;
export const IncidentLink = z.object({ kind: z.enum(LINK_KINDS), id: z.string().min(1).max(64) });
export type IncidentLink = z.infer<typeof IncidentLink>;

export const MAX_TIMELINE = 5000;
export const MAX_OBSERVABLES = 1000;
export const MAX_LINKED = 5000;
const Text = z.string().trim().min(1).max(MAX_NOTE_LENGTH);

export const Observable = z.object({
  kind: ObservableKind,
  value: z.string().min(1).max(512),
  /** `alert:<id>` when extracted from an alert, `analyst` when added by hand. */
  source: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type Observable = z.infer<typeof Observable>;

export const TimelineEntry = z.object({ at: z.string(), actor: z.string(), kind: z.enum(['event', 'note']), text: z.string() });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ChecklistEntry = z.object({ step: z.string(), phase: PlaybookPhase, text: z.string(), done: z.boolean(), by: z.string(), at: z.string() });
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

/** The playbook version an incident follows; `steps` is the checklist of that commit. */
export const PlaybookPin = z.object({
  id: z.string(),
  file: z.string(),
  /** Absent while the playbook file was never committed. */
  commit: z.string().optional(),
  contentHash: z.string(),
  pinnedAt: z.string(),
  pinnedBy: z.string(),
  steps: z.array(z.object({ id: z.string(), phase: PlaybookPhase, zh: z.string(), en: z.string() })),
});
export type PlaybookPin = z.infer<typeof PlaybookPin>;

export const Incident = z.object({
  id: z.string(),
  customer: z.string().default('default'),
  title: z.string(),
  type: IncidentTypeSchema,
  severity: Severity,
  status: IncidentStatus,
  owner: z.string().optional(),
  summary: z.string().optional(),
  /** Customer impact: who and what could not work, for how long. */
  impact: z.string().optional(),
  linkedAlerts: z.array(z.string()),
  /** Linked alerts whose observables and timeline event were already taken in. */
  absorbedAlerts: z.array(z.string()),
  links: z.array(IncidentLink),
  observables: z.array(Observable),
  timeline: z.array(TimelineEntry),
  checklist: z.array(ChecklistEntry),
  playbook: PlaybookPin.optional(),
  /** Loss assessment (损失评估): data, money, downtime, systems. */
  loss: z.string().optional(),
  rootCause: z.string().optional(),
  lessons: z.string().optional(),
  hardening: z.array(z.string()),
  /** The regulatory grade (《国家网络安全事件报告管理办法》) and the criteria ticked for it. */
  grading: IncidentGrading.optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional(),
  rev: z.number().int().nonnegative(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentSummary = Incident.pick({ id: true, customer: true, title: true, type: true, severity: true, status: true, owner: true, openedAt: true, updatedAt: true, rev: true }).extend({
  alerts: z.number().int(),
  stepsDone: z.number().int(),
  stepsTotal: z.number().int(),
  playbookUpdated: z.boolean(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const PlaybookStatus = z.object({
  /** The playbook's latest version is not the pinned one: show the diff and offer a re-pin. */
  updated: z.boolean(),
  pinnedCommit: z.string().nullable(),
  latestCommit: z.string().nullable(),
  /** The playbook is not loaded right now (deleted, or never valid). */
  missing: z.boolean(),
});
export type PlaybookStatus = z.infer<typeof PlaybookStatus>;

export const ObservableHits = z.object({ kind: ObservableKind, value: z.string(), alerts: z.array(z.string()), more: z.boolean() });

export const IncidentReport = z.object({
  kind: z.literal('incident-response'),
  generatedAt: z.string(),
  generatedBy: z.string(),
  incident: z.object({
    id: z.string(),
    customer: z.string(),
    title: z.string(),
    type: z.object({ id: z.string(), zh: z.string(), en: z.string(), category: z.object({ zh: z.string(), en: z.string() }) }),
    severity: Severity,
    status: IncidentStatus,
    owner: z.string().optional(),
    openedAt: z.string(),
    closedAt: z.string().optional(),
    durationMinutes: z.number().nullable(),
  }),
  summary: z.string().optional(),
  impact: z.string().optional(),
  playbook: z.object({ id: z.string(), commit: z.string().optional(), title: z.object({ zh: z.string(), en: z.string() }).optional() }).optional(),
  timeline: z.array(TimelineEntry),
  actions: z.array(z.object({ phase: PlaybookPhase, step: z.string(), zh: z.string(), en: z.string(), by: z.string(), at: z.string() })),
  openSteps: z.array(z.object({ phase: PlaybookPhase, step: z.string(), zh: z.string(), en: z.string() })),
  observables: z.array(Observable.pick({ kind: true, value: true, source: true })),
  linked: z.object({ alerts: z.array(z.object({ id: z.string(), title: z.string(), severity: Severity.optional(), host: z.string().optional() })), items: z.array(IncidentLink) }),
  loss: z.string().optional(),
  rootCause: z.string().optional(),
  lessons: z.string().optional(),
  /** The analyst's hardening items, then the playbook's lessons-phase advice. */
  hardening: z.array(z.string()),
  /** The regulator report pre-filled with the fields the 办法 lists; present once graded 较大 or above. */
  regulatorDraft: z.array(z.object({ field: z.string(), value: z.string() })).optional(),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

const Id = z.string().min(1).max(64);
const Rev = z.number().int().nonnegative().optional();
const Changed = z.object({ incident: Incident });

/** Wire methods of the incidents subsystem; spread into `Methods` in protocol.ts. */
export const INCIDENT_METHODS = {
  'incidents.list': {
    params: z.object({ status: z.array(IncidentStatus).optional(), customer: z.string().optional(), limit: z.number().int().min(1).max(5000).default(500) }).optional(),
    result: z.object({ incidents: z.array(IncidentSummary), total: z.number() }),
  },
  'incidents.get': {
    params: z.object({ id: Id }),
    result: z.object({ incident: Incident, playbook: PlaybookStatus, observableHits: z.array(ObservableHits) }),
  },
  'incidents.create': {
    params: z.object({
      title: z.string().trim().min(1).max(200).optional(),
      type: IncidentTypeSchema.optional(),
      severity: Severity.optional(),
      owner: z.string().trim().min(1).max(64).optional(),
      customer: z.string().trim().min(1).max(64).optional(),
      summary: Text.optional(),
      impact: Text.optional(),
      fromAlerts: z.array(Id).max(MAX_LINKED).optional(),
      links: z.array(IncidentLink).max(MAX_LINKED).optional(),
      observables: z
        .array(z.object({ kind: ObservableKind, value: z.string().trim().min(1).max(512) }))
        .max(MAX_OBSERVABLES)
        .optional(),
    }),
    result: Changed,
  },
  'incidents.update': {
    params: z.object({
      id: Id,
      rev: Rev,
      title: z.string().trim().min(1).max(200).optional(),
      severity: Severity.optional(),
      owner: z.string().trim().min(1).max(64).optional(),
      summary: Text.optional(),
      impact: Text.optional(),
      loss: Text.optional(),
      rootCause: Text.optional(),
      lessons: Text.optional(),
      hardening: z.array(Text).max(100).optional(),
    }),
    result: Changed,
  },
  /** Moves forward through open → contained → eradicated → recovered → closed (steps may be skipped); closing needs root cause and loss. */
  'incidents.transition': { params: z.object({ id: Id, rev: Rev, status: IncidentStatus, reason: Text.optional() }), result: Changed },
  'incidents.note': { params: z.object({ id: Id, text: Text }), result: Changed },
  'incidents.check': { params: z.object({ id: Id, step: z.string().min(1).max(48), done: z.boolean() }), result: Changed },
  /** Follows the playbook's latest version from now on; checklist state carries over by step id. */
  'incidents.repin': { params: z.object({ id: Id }), result: Changed },
  'incidents.link': {
    params: z.object({ id: Id, alerts: z.array(Id).max(MAX_LINKED).optional(), items: z.array(IncidentLink).max(MAX_LINKED).optional() }),
    result: Changed,
  },
  'incidents.observe': { params: z.object({ id: Id, kind: ObservableKind, value: z.string().trim().min(1).max(512) }), result: Changed },
  'incidents.grade': { params: z.object({ id: Id, rev: Rev, grade: IncidentGrade, criteria: z.array(z.enum(GRADE_CRITERION_IDS)).max(50).default([]) }), result: Changed },
  'incidents.reported': { params: z.object({ id: Id, rev: Rev }), result: Changed },
  'incidents.report': { params: z.object({ id: Id }), result: z.object({ report: IncidentReport, markdown: z.string() }) },
} as const;
