import type { Case } from '../shared/case.js';
import { MAX_BULK } from '../shared/triage.js';
import type { SocdeckClient } from './ws-client.js';

/** What escalation needs of a client: its request method (the TUI passes its own daemon handle). */
export type CaseRequester = Pick<SocdeckClient, 'request'>;

/**
 * Escalates a case to an incident: every alert of the case goes to one new incident (through
 * the same `alerts.escalate` the queue uses, so observables are extracted and each alert is
 * audited), typed as the case suggests, and the case records the incident.
 */
export async function escalateCase(client: CaseRequester, id: string): Promise<{ case: Case; incidentId: string }> {
  const c = await client.request('cases.get', { id });
  const targets = c.alertIds.slice(0, MAX_BULK).map((a) => ({ id: a }));
  const res = await client.request('alerts.escalate', { targets, title: c.title.slice(0, 200), type: c.suggested.type });
  if (!res.incidentId) throw new Error(`escalating case ${id} made no incident`);
  const linked = await client.request('cases.link', { id, incident: res.incidentId });
  return { case: linked, incidentId: res.incidentId };
}
