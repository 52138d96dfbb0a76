import type { Alert } from '../../../shared/alert.js';
import type { AttackHint } from '../../../shared/attack/attack-ref.js';
import type { AttackCatalogue } from '../../../shared/attack/catalogue.js';
import type { AlertFields } from '../parsers/types.js';
import type { RuleMappings } from './rule-mappings.js';

/**
 * Places a new alert in ATT&CK: from what its product said (hints, or bare technique ids), and
 * where the product said nothing, from the rule mapping. `mitre` gains the techniques the
 * mapping supplied, so `tag:T1110` keeps finding them.
 */
export function attackEnricher(catalogue: AttackCatalogue, mappings: RuleMappings): (alert: Alert, fields: AlertFields) => void {
  return (alert, fields) => {
    let hints: readonly AttackHint[] = fields.attackHints && fields.attackHints.length > 0 ? fields.attackHints : alert.mitre.map((technique) => ({ technique }));
    if (hints.length === 0) hints = mappings.lookup(alert.product, alert.ruleId);
    if (hints.length === 0) return;
    alert.attack = catalogue.resolve(hints);
    const ids = new Set(alert.mitre);
    for (const a of alert.attack) ids.add(a.subtechnique ?? a.technique);
    alert.mitre = [...ids];
  };
}
