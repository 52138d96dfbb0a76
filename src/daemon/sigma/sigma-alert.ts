import type { AttackHint } from '../../shared/attack/attack-ref.js';
import { TECHNIQUE_ID } from '../../shared/attack/attack-ref.js';
import type { Severity } from '../../shared/severity.js';
import type { AlertFields } from '../sources/parsers/types.js';
import type { LogMapping } from './log-mapping.js';
import type { CompiledRule, SigmaEvent } from './sigma-types.js';

/** Sigma `level` -> alert severity. */
const LEVELS: Record<string, Severity> = { informational: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** `attack.t1110.001` -> T1110.001; `attack.credential-access` is a tactic. */
export function attackHintsOf(tags: readonly string[]): AttackHint[] {
  const techniques: string[] = [];
  const tactics: string[] = [];
  for (const t of tags) {
    if (!t.toLowerCase().startsWith('attack.')) continue;
    const rest = t.slice(7);
    if (TECHNIQUE_ID.test(rest.toUpperCase())) techniques.push(rest.toUpperCase());
    else if (!/^(g|s)\d{4}$/i.test(rest)) tactics.push(rest.toLowerCase().replace(/_/g, '-'));
  }
  // A tactic goes with the techniques only when the rule names one: with several, the catalogue decides.
  const tactic = tactics.length === 1 ? tactics[0] : undefined;
  return techniques.map((technique) => (tactic ? { technique, tactic } : { technique }));
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v !== '-' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** The alert a rule match raises: the rule's title, level and ATT&CK tags, the event's host/user/source address. */
export function sigmaAlertFields(rule: CompiledRule, event: SigmaEvent, mapping: LogMapping, time: string): AlertFields {
  const hints = attackHintsOf(rule.tags);
  const fields: AlertFields = {
    product: 'sigma',
    ruleId: rule.id,
    title: rule.title,
    severity: LEVELS[rule.level] ?? 'medium',
    rawSeverity: rule.level,
    time,
    mitre: hints.map((h) => h.technique),
    tags: rule.tags,
  };
  if (hints.length > 0) fields.attackHints = hints;
  const { host, user, srcIp } = mapping.entities;
  const h = host && text(event.fields[host]);
  const u = user && text(event.fields[user]);
  const ip = srcIp && text(event.fields[srcIp]);
  if (h) fields.host = h;
  if (u) fields.user = u;
  if (ip) fields.srcIp = ip;
  return fields;
}
