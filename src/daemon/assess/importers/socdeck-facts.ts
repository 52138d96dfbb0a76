import type { Fact } from '../fact.js';
import { asArray, asRecord, str, type Importer } from './types.js';

/**
 * socdeck's own facts file: `{ "socdeck_facts": 1, "facts": [{ "kind": "...", ...fields }] }`.
 * The host collector writes it, and it is the way in for anything without a vendor importer
 * (buckets, exposure tiers, domains, web checks).
 */
export const socdeckFacts: Importer = {
  name: 'socdeck-facts',
  detect: (c) => typeof c === 'object' && c !== null && 'socdeck_facts' in c,
  import(content, _text, file) {
    const doc = content as Record<string, unknown>;
    if (doc.socdeck_facts !== 1) throw new Error(`${file}: socdeck_facts: unsupported version ${JSON.stringify(doc.socdeck_facts)} (expected 1)`);
    return asArray(doc.facts, `${file}: facts`).map((f, i): Fact => {
      const where = `${file}#facts[${i}]`;
      const { kind, ...data } = asRecord(f, where);
      return { kind: str(kind, `${where}.kind`), origin: where, data };
    });
  },
};
