import type { Alert } from '../../shared/alert.js';
import { INCIDENT_TYPES, type IncidentType } from '../../shared/incident-taxonomy.js';
import { severityRank } from '../../shared/severity.js';

/** The collection the incidents subsystem owns; triage only seeds a minimal record in it. */

export interface IncidentSeed {
  id: string;
  title: string;
  type: IncidentType;
  severity: Alert['severity'];
  status: 'open';
  owner: string;
  linkedAlerts: string[];
  createdBy: string;
  createdAt: string;
}

/** Picks a taxonomy type from the alerts' MITRE techniques, then title keywords; malware as the last resort. */
export function guessIncidentType(alerts: readonly Alert[]): IncidentType {
  const techniques = new Set(alerts.flatMap((a) => a.mitre));
  const byMitre = INCIDENT_TYPES.find((t) => t.mitre.some((m) => techniques.has(m)));
  if (byMitre) return byMitre.type;
  const text = alerts.map((a) => a.title.toLowerCase()).join('\n');
  return INCIDENT_TYPES.find((t) => t.keywords.some((k) => text.includes(k)))?.type ?? 'other-malware';
}

export function seedIncident(id: string, alerts: readonly Alert[], opts: { actor: string; at: string; title?: string; type?: IncidentType }): IncidentSeed {
  const worst = alerts.reduce((w, a) => (severityRank(a.severity) > severityRank(w.severity) ? a : w));
  return {
    id,
    title: opts.title ?? (alerts.length === 1 ? worst.title : `${worst.title} (+${alerts.length - 1} alerts)`),
    type: opts.type ?? guessIncidentType(alerts),
    severity: worst.severity,
    status: 'open',
    owner: opts.actor,
    linkedAlerts: alerts.map((a) => a.id),
    createdBy: opts.actor,
    createdAt: opts.at,
  };
}
