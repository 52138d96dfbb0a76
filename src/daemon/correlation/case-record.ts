import type { Alert } from '../../shared/alert.js';
import type { AttackCatalogue } from '../../shared/attack/catalogue.js';
import { MAX_CASE_TIMELINE, type Case, type CaseEntity } from '../../shared/case.js';
import { incidentTypeInfo, suggestIncidentType, type IncidentType } from '../../shared/incident-taxonomy.js';
import { severityRank, type Severity } from '../../shared/severity.js';

const SEVERITY_POINTS: Record<Severity, number> = { info: 1, low: 2, medium: 4, high: 7, critical: 10 };

export interface CaseBasis {
  id: string;
  rule: { id: string; title: string; score: number; suggest?: IncidentType | undefined };
  entity: { kind: CaseEntity; value: string };
  now: string;
}

/**
 * A case with alerts added (or a new one from its first alerts). Everything derived (tactics,
 * score, severity, suggested incident type) is recomputed from the full alert list, so a merge
 * or split gives the same record as if the alerts had come in that grouping.
 */
export function buildCase(prev: Case | undefined, basis: CaseBasis, alerts: readonly Alert[], catalogue: AttackCatalogue): Case {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const customers = [...new Set([...(prev?.customers ?? []), ...alerts.map((a) => a.customer)])].sort();
  const ids = [...new Set([...(prev?.alertIds ?? []), ...alerts.map((a) => a.id)])];
  const timeline = [
    ...(prev?.timeline ?? []).filter((t) => !byId.has(t.alertId)),
    ...alerts.map((a) => ({ alertId: a.id, at: a.firstSeen, title: a.title, severity: a.severity, ...(a.host ? { host: a.host } : {}), tactics: [...new Set((a.attack ?? []).map((x) => x.tactic))] })),
  ]
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
    .slice(-MAX_CASE_TIMELINE);
  return derive(
    {
      id: basis.id,
      rule: basis.rule.id,
      title: prev?.title ?? `${basis.rule.title}: ${basis.entity.kind} ${basis.entity.value}`,
      entity: basis.entity,
      customers,
      customer: customers.length === 1 ? customers[0]! : '*',
      alertIds: ids,
      timeline,
      tactics: prev?.tactics ?? [],
      techniques: [...new Set([...(prev?.techniques ?? []), ...alerts.flatMap((a) => a.attack?.map((x) => x.subtechnique ?? x.technique) ?? a.mitre)])].sort(),
      score: 0,
      severity: worstOf([prev?.severity, ...alerts.map((a) => a.severity)]),
      suggested: prev?.suggested ?? { type: 'other-malware', reason: '' },
      state: prev?.state ?? 'open',
      ...(prev?.incidentId ? { incidentId: prev.incidentId } : {}),
      firstSeen: [prev?.firstSeen, ...alerts.map((a) => a.firstSeen)].filter((x): x is string => x !== undefined).sort()[0]!,
      lastSeen: [prev?.lastSeen, ...alerts.map((a) => a.lastSeen)]
        .filter((x): x is string => x !== undefined)
        .sort()
        .at(-1)!,
      createdAt: prev?.createdAt ?? basis.now,
      updatedAt: basis.now,
      rev: (prev?.rev ?? -1) + 1,
    },
    basis.rule,
    catalogue,
    alerts,
  );
}

function worstOf(list: readonly (Severity | undefined)[]): Severity {
  return list.reduce<Severity>((w, s) => (s && severityRank(s) > severityRank(w) ? s : w), 'info');
}

function derive(c: Case, rule: CaseBasis['rule'], catalogue: AttackCatalogue, newAlerts: readonly Alert[]): Case {
  const seen = new Set([...c.tactics, ...c.timeline.flatMap((t) => t.tactics)]);
  const order = (t: string): number => {
    const i = catalogue.tactics.findIndex((x) => x.short === t);
    return i < 0 ? catalogue.tactics.length : i;
  };
  c.tactics = [...seen].sort((a, b) => order(a) - order(b));
  const points = c.timeline.reduce((sum, t) => sum + SEVERITY_POINTS[t.severity], 0);
  c.score = Math.min(100, rule.score + Math.min(50, points) + 5 * c.tactics.length);
  const titles = newAlerts.map((a) => a.title).join(' ');
  const guess = suggestIncidentType({ title: `${c.title} ${titles}`, mitre: c.techniques });
  const hitsOf = (type: IncidentType): string[] => {
    const mitre = incidentTypeInfo(type).mitre;
    return c.techniques.filter((t) => mitre.includes(t) || mitre.includes(t.split('.')[0]!));
  };
  // The techniques decide when they name a subtype; else the rule's own suggestion; else titles.
  const type = hitsOf(guess).length === 0 && rule.suggest ? rule.suggest : guess;
  const info = incidentTypeInfo(type);
  const hit = hitsOf(type);
  c.suggested = {
    type,
    reason:
      hit.length > 0
        ? `techniques ${hit.join(', ')} are typical of ${info.en} (${info.zh})`
        : type === rule.suggest
          ? `rule ${rule.id} describes ${info.en} (${info.zh})`
          : `no technique of the taxonomy seen; ${info.en} (${info.zh}) from the alert titles or as the default`,
  };
  return c;
}
