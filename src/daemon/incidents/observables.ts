import type { Alert } from '../../shared/alert.js';
import type { ObservableKind } from '../../shared/incident.js';

export interface ObservableValue {
  kind: ObservableKind;
  value: string;
}

/** The alert fields that carry indicators, and the observable kind each one is. */
const ALERT_FIELDS = [
  ['srcIp', 'ip'],
  ['dstIp', 'ip'],
  ['host', 'host'],
  ['user', 'account'],
  ['process', 'file'],
  ['fileHash', 'hash'],
] as const satisfies readonly (readonly [keyof Alert, ObservableKind])[];

export function alertObservables(a: Alert): ObservableValue[] {
  const out: ObservableValue[] = [];
  for (const [field, kind] of ALERT_FIELDS) {
    const v = a[field];
    if (typeof v === 'string' && v.trim() !== '') out.push({ kind, value: v.trim() });
  }
  return out;
}

export function observableKey(o: ObservableValue): string {
  // Hashes, domains and emails compare case-insensitively; accounts and paths may not.
  const v = o.kind === 'hash' || o.kind === 'domain' || o.kind === 'email' ? o.value.toLowerCase() : o.value;
  return `${o.kind}\u0000${v}`;
}

/**
 * For each observable, the alerts (newest first, at most `limit`) that carry it: the pivot an
 * analyst uses to see where else an IP or hash showed up. One pass over the alerts.
 */
export function alertsContaining(alerts: Iterable<Alert>, observables: readonly ObservableValue[], limit: number): { kind: ObservableKind; value: string; alerts: string[]; more: boolean }[] {
  const wanted = new Map(observables.map((o) => [observableKey(o), { kind: o.kind, value: o.value, hits: [] as Alert[] }]));
  for (const a of alerts) {
    for (const o of alertObservables(a)) wanted.get(observableKey(o))?.hits.push(a);
  }
  return [...wanted.values()].map((w) => {
    w.hits.sort((x, y) => y.lastSeen.localeCompare(x.lastSeen));
    return { kind: w.kind, value: w.value, alerts: w.hits.slice(0, limit).map((a) => a.id), more: w.hits.length > limit };
  });
}
