import { z } from 'zod';
import { parentTechnique, TECHNIQUE_ID, type AttackHint, type AttackRef } from './attack-ref.js';

/** The compact catalogue file (config/attack/enterprise-attack.json, see scripts/gen-attack-catalogue.ts). */
export const CatalogueFile = z.object({
  domain: z.string(),
  version: z.string(),
  licence: z.string(),
  tactics: z.array(z.object({ id: z.string(), short: z.string(), name: z.string(), zh: z.string().optional() })).min(1),
  techniques: z.array(z.union([z.tuple([z.string(), z.string(), z.array(z.string())]), z.tuple([z.string(), z.string(), z.array(z.string()), z.string()])])),
});
export type CatalogueFile = z.infer<typeof CatalogueFile>;

export interface Technique {
  id: string;
  name: string;
  zh?: string;
  tactics: readonly string[];
  parent?: string;
}

export type Tactic = CatalogueFile['tactics'][number];

const normal = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/** Lookups over one ATT&CK release: techniques by id, tactics by any spelling products use. */
export class AttackCatalogue {
  readonly version: string;
  readonly licence: string;
  /** In kill-chain order. */
  readonly tactics: readonly Tactic[];
  private readonly byId = new Map<string, Technique>();
  private readonly tacticBySpelling = new Map<string, string>();

  constructor(file: CatalogueFile) {
    this.version = file.version;
    this.licence = file.licence;
    this.tactics = file.tactics;
    for (const t of file.tactics) {
      for (const spelling of [t.id, t.short, t.name]) this.tacticBySpelling.set(normal(spelling), t.short);
    }
    for (const [id, name, tactics, zh] of file.techniques) {
      const parent = id.includes('.') ? parentTechnique(id) : undefined;
      this.byId.set(id, { id, name, tactics, ...(zh ? { zh } : {}), ...(parent ? { parent } : {}) });
    }
  }

  technique(id: string): Technique | undefined {
    return this.byId.get(id.toUpperCase());
  }

  get size(): number {
    return this.byId.size;
  }

  /** A tactic's short name from its id, short name or display name; undefined when unknown. */
  tactic(spelling: string): string | undefined {
    return this.tacticBySpelling.get(normal(spelling));
  }

  tacticInfo(short: string): Tactic | undefined {
    return this.tactics.find((t) => t.short === short);
  }

  /**
   * Places hints in the matrix. A tactic the product names wins when the catalogue agrees the
   * technique belongs to it; otherwise every tactic the catalogue gives the technique. One entry
   * per (tactic, technique, sub-technique), in the order the hints came.
   */
  resolve(hints: readonly AttackHint[]): AttackRef[] {
    const out: AttackRef[] = [];
    const seen = new Set<string>();
    const add = (r: AttackRef): void => {
      const key = `${r.tactic}|${r.technique}|${r.subtechnique ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(r);
    };
    const ids = [...new Set(hints.map((h) => h.technique.trim().toUpperCase()))].filter((id) => TECHNIQUE_ID.test(id));
    // A parent listed beside one of its sub-techniques says nothing more: the sub-technique entry carries both.
    const parentsCovered = new Set(ids.filter((id) => id.includes('.')).map(parentTechnique));
    for (const id of ids) {
      if (!id.includes('.') && parentsCovered.has(id)) continue;
      const said = hints
        .filter((h) => h.technique.trim().toUpperCase() === id || parentTechnique(h.technique.trim().toUpperCase()) === id)
        .flatMap((h) => (h.tactic ? [this.tactic(h.tactic) ?? normal(h.tactic)] : []));
      const known = this.technique(id);
      const place = { technique: parentTechnique(id), ...(id.includes('.') ? { subtechnique: id } : {}), ...(known ? { name: known.name } : {}) };
      const agreed = known ? said.filter((t) => known.tactics.includes(t)) : said;
      const tactics = agreed.length > 0 ? agreed : known && known.tactics.length > 0 ? known.tactics : ['unknown'];
      for (const tactic of tactics) add({ tactic, ...place });
    }
    return out;
  }
}
