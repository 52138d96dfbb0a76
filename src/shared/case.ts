/**
 * Cases (attack chains): alerts the correlation engine grouped by a shared entity within a rule's
 * window. Not yet incidents: an analyst escalates a case, and every alert in it goes to the new
 * incident. The shapes here are shared by the daemon, the TUI and the CLI.
 */
import { z } from 'zod';
import { IncidentTypeSchema } from './incident-taxonomy.js';
import { Severity } from './severity.js';

export const CASE_STATES = ['open', 'escalated', 'merged'] as const;
export const CaseState = z.enum(CASE_STATES);

/** Entities correlation groups by; each names an alert field. */
export const CASE_ENTITIES = ['host', 'srcIp', 'user', 'fileHash', 'process'] as const;
export const CaseEntity = z.enum(CASE_ENTITIES);
export type CaseEntity = z.infer<typeof CaseEntity>;

/** Bounds one case's record: a chain of thousands of alerts keeps its ids but a capped timeline. */
export const MAX_CASE_TIMELINE = 500;

export const CaseTimelineEntry = z.object({ alertId: z.string(), at: z.string(), title: z.string(), severity: Severity, host: z.string().optional(), tactics: z.array(z.string()) });
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntry>;

export const Case = z.object({
  id: z.string(),
  rule: z.string(),
  title: z.string(),
  /** The shared entity: kind and value (`host web-01`, `srcIp 203.0.113.7`). */
  entity: z.object({ kind: CaseEntity, value: z.string() }),
  customers: z.array(z.string()),
  /**
   * The one customer the case touches, or `*` when it spans several (a campaign): customer
   * scoping hides such a case from users who do not see every customer.
   */
  customer: z.string(),
  alertIds: z.array(z.string()),
  timeline: z.array(CaseTimelineEntry),
  /** Tactics the chain spans, in kill-chain order. */
  tactics: z.array(z.string()),
  techniques: z.array(z.string()),
  score: z.number().int().min(0).max(100),
  severity: Severity,
  suggested: z.object({ type: IncidentTypeSchema, reason: z.string() }),
  state: CaseState,
  incidentId: z.string().optional(),
  mergedInto: z.string().optional(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rev: z.number().int().nonnegative(),
});
export type Case = z.infer<typeof Case>;

const Id = z.string().min(1).max(64);

export const CASE_METHODS = {
  'cases.list': {
    params: z.object({ state: z.array(CaseState).optional(), customer: z.string().optional(), limit: z.number().int().min(1).max(5000).default(500) }).optional(),
    result: z.object({ cases: z.array(Case), total: z.number() }),
  },
  'cases.get': { params: z.object({ id: Id }), result: Case },
  /** The first case absorbs the others (their alerts, timeline, tactics); they stay, as `merged`. */
  'cases.merge': { params: z.object({ ids: z.array(Id).min(2).max(100) }), result: Case },
  /** The named alerts leave the case for a new one with the same rule and entity. */
  'cases.split': { params: z.object({ id: Id, alertIds: z.array(Id).min(1).max(5000) }), result: z.object({ from: Case, to: Case }) },
  /** Records the incident a case was escalated to (the alerts themselves go through alerts.escalate). */
  'cases.link': { params: z.object({ id: Id, incident: Id }), result: Case },
} as const;
