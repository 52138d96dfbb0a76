import { SocdeckError } from '../../shared/errors.js';
import { MAX_OBSERVABLES, MAX_TIMELINE, type Incident, type IncidentLink, type ObservableKind } from '../../shared/incident.js';
import { observableKey } from './observables.js';

/** Small in-place edits of an incident record, bounded so one case cannot grow without limit. */

export function pushTimeline(i: Incident, e: Incident['timeline'][number]): void {
  if (i.timeline.length >= MAX_TIMELINE) throw new SocdeckError('invalid_params', `incident ${i.id} timeline is full (${MAX_TIMELINE} entries); open a follow-up incident`);
  i.timeline.push(e);
}

export function event(i: Incident, at: string, actor: string, text: string): void {
  pushTimeline(i, { at, actor, kind: 'event', text });
}

/** Adds an observable unless it is already there; false when it was a duplicate. */
export function addObservable(i: Incident, o: { kind: ObservableKind; value: string }, source: string, actor: string, at: string): boolean {
  const key = observableKey(o);
  if (i.observables.some((x) => observableKey(x) === key)) return false;
  if (i.observables.length >= MAX_OBSERVABLES) throw new SocdeckError('invalid_params', `incident ${i.id} has the maximum of ${MAX_OBSERVABLES} observables`);
  i.observables.push({ kind: o.kind, value: o.value, source, addedBy: actor, addedAt: at });
  return true;
}

export function dedupeLinks(links: readonly IncidentLink[]): IncidentLink[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const k = `${l.kind}:${l.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
