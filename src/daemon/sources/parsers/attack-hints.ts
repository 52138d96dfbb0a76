import { TECHNIQUE_ID, type AttackHint } from '../../../shared/attack/attack-ref.js';
import { obj, path, str, strArray } from './fields.js';

/**
 * What each product says about ATT&CK, as hints the catalogue resolves later (daemon/attack).
 * Products disagree on shape: a rule-wide list of tactics (Wazuh, Suricata, Falco) is offered to
 * every technique of the record and the catalogue keeps only the pairs that exist.
 */
function crossed(techniques: readonly string[], tactics: readonly string[]): AttackHint[] {
  return techniques.flatMap((technique) => (tactics.length === 0 ? [{ technique }] : tactics.map((tactic) => ({ technique, tactic }))));
}

/** Wazuh `rule.mitre`: `{id: [..], tactic: [..], technique: [..]}`, the tactics by display name. */
export function wazuhAttack(mitre: unknown): AttackHint[] {
  const m = obj(mitre) ?? {};
  return crossed(strArray(m.id), strArray(m.tactic));
}

/** Suricata (ET) rule metadata: `mitre_technique_id`, `mitre_tactic_id` / `mitre_tactic_name` (Initial_Access). */
export function suricataAttack(meta: Record<string, unknown> | undefined): AttackHint[] {
  if (!meta) return [];
  const tactics = strArray(meta.mitre_tactic_id);
  return crossed(strArray(meta.mitre_technique_id), tactics.length > 0 ? tactics : strArray(meta.mitre_tactic_name));
}

/** Falco rule tags: technique ids (`T1059`) beside `mitre_<tactic>` tags (`mitre_persistence`). */
export function falcoAttack(tags: readonly string[]): AttackHint[] {
  const techniques = tags.filter((t) => TECHNIQUE_ID.test(t));
  const tactics = tags.filter((t) => t.startsWith('mitre_')).map((t) => t.slice('mitre_'.length));
  return crossed(techniques, tactics);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** ECS `threat` (an object or a list): each entry pairs one tactic with its techniques and their sub-techniques. */
export function ecsAttack(rec: Record<string, unknown>): AttackHint[] {
  return asList(path(rec, 'threat')).flatMap((t) => {
    const threat = obj(t) ?? {};
    const tactics = asList(threat.tactic).flatMap((x) => strArray(obj(x)?.id ?? obj(x)?.name));
    const techniques = asList(threat.technique).flatMap((x) => {
      const tech = obj(x) ?? {};
      const subs = asList(tech.subtechnique).flatMap((s) => strArray(obj(s)?.id));
      return subs.length > 0 ? subs : strArray(tech.id);
    });
    return crossed(techniques, tactics);
  });
}

/** OCSF `attacks[]`: `{tactic: {uid, name}, technique: {uid}, sub_technique: {uid}}`. */
export function ocsfAttack(attacks: readonly unknown[]): AttackHint[] {
  return attacks.flatMap((a) => {
    const at = obj(a) ?? {};
    const technique = str(path(at, 'sub_technique.uid')) ?? str(path(at, 'technique.uid'));
    if (!technique) return [];
    const tactics = asList(at.tactics ?? at.tactic).flatMap((x) => strArray(obj(x)?.uid ?? obj(x)?.name));
    return crossed([technique], tactics);
  });
}
