import type { z } from 'zod';
import { MAX_NOTES_PER_ALERT, type Alert, type AlertState } from '../../shared/alert.js';
import { SocdeckError } from '../../shared/errors.js';
import type { ActionMethod, ActionParams } from '../../shared/triage.js';

export type ActionInput<M extends ActionMethod> = z.infer<(typeof ActionParams)[M]>;

export interface ActionEnv {
  actor: string;
  now: number;
  /** The incident an escalate or link attaches the alerts to. */
  incidentId?: string;
}

const OPEN: readonly AlertState[] = ['new', 'acknowledged', 'in_progress'];
const DONE: readonly AlertState[] = ['resolved', 'closed'];

/** The workflow fields an action may change; the audit entry records exactly these. */
export const WORKFLOW_FIELDS = ['state', 'assignee', 'disposition', 'closeReason', 'snoozedUntil', 'incidentId'] as const satisfies readonly (keyof Alert)[];

type Change = Partial<Pick<Alert, (typeof WORKFLOW_FIELDS)[number]>> & { note?: string };

/**
 * One row per action: the states it may start from and the change it makes. An alert already
 * where the action would put it is left alone, so bulk actions over mixed rows are idempotent.
 */
const RULES: { [M in ActionMethod]: { from: readonly AlertState[]; change(a: Alert, p: ActionInput<M>, env: ActionEnv): Change } } = {
  'alerts.ack': { from: OPEN, change: (a) => (a.state === 'new' ? { state: 'acknowledged' } : {}) },
  'alerts.take': { from: OPEN, change: (a, _p, env) => ({ assignee: env.actor, state: a.state === 'in_progress' ? a.state : 'in_progress' }) },
  'alerts.assign': { from: OPEN, change: (_a, p) => ({ assignee: p.to.toLowerCase() === 'none' ? undefined : p.to }) },
  'alerts.start': { from: OPEN, change: () => ({ state: 'in_progress' }) },
  'alerts.resolve': { from: OPEN, change: (_a, p) => ({ state: 'resolved', closeReason: p.reason, snoozedUntil: undefined }) },
  'alerts.close': {
    from: [...OPEN, 'resolved'],
    change: (_a, p) => ({ state: 'closed', disposition: p.disposition, closeReason: p.reason, snoozedUntil: undefined }),
  },
  'alerts.reopen': { from: DONE, change: (_a, p) => ({ state: 'acknowledged', disposition: undefined, closeReason: undefined, ...(p.reason ? { note: `reopened: ${p.reason}` } : {}) }) },
  'alerts.snooze': {
    from: OPEN,
    change: (_a, p, env) => {
      if (Date.parse(p.until) <= env.now) throw new SocdeckError('invalid_params', `snooze until ${p.until} is not in the future`);
      return { snoozedUntil: new Date(Date.parse(p.until)).toISOString() };
    },
  },
  'alerts.note': { from: [...OPEN, ...DONE], change: (_a, p) => ({ note: p.text }) },
  'alerts.escalate': {
    from: OPEN,
    change: (a, _p, env) => {
      if (a.incidentId) throw new SocdeckError('conflict', `alert ${a.id} is already linked to incident ${a.incidentId}`, { id: a.id, incidentId: a.incidentId });
      return { incidentId: env.incidentId, state: 'in_progress', assignee: a.assignee ?? env.actor };
    },
  },
  'alerts.link': { from: [...OPEN, ...DONE], change: (_a, _p, env) => ({ incidentId: env.incidentId }) },
};

/** The alert after the action, or the same object when nothing changes. Throws invalid_params on an illegal transition. */
export function applyAction<M extends ActionMethod>(method: M, alert: Alert, params: ActionInput<M>, env: ActionEnv): Alert {
  const rule = RULES[method];
  if (!rule.from.includes(alert.state)) {
    throw new SocdeckError('invalid_params', `cannot ${method.slice('alerts.'.length)} alert ${alert.id}: it is ${alert.state} (allowed from ${rule.from.join(', ')})`, {
      id: alert.id,
      state: alert.state,
    });
  }
  const { note, ...fields } = rule.change(alert, params, env);
  const next: Alert = { ...alert };
  let changed = false;
  for (const [k, v] of Object.entries(fields) as [keyof Change, unknown][]) {
    if (next[k as keyof Alert] === v) continue;
    changed = true;
    if (v === undefined) delete next[k as keyof Alert];
    else (next as Record<string, unknown>)[k] = v;
  }
  if (note !== undefined) {
    const notes = alert.notes ?? [];
    if (notes.length >= MAX_NOTES_PER_ALERT) throw new SocdeckError('invalid_params', `alert ${alert.id} already has ${MAX_NOTES_PER_ALERT} notes; put long work in an incident`);
    next.notes = [...notes, { actor: env.actor, at: new Date(env.now).toISOString(), text: note }];
    changed = true;
  }
  if (!changed) return alert;
  next.rev = alert.rev + 1;
  next.lastChange = { actor: env.actor, action: method.slice('alerts.'.length), at: new Date(env.now).toISOString(), rev: next.rev };
  return next;
}
