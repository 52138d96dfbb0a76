import { z } from 'zod';
import type { AttackCatalogue } from '../../../shared/attack/catalogue.js';
import { DEFAULT_CATALOGUE_FILE, loadCatalogue } from '../../attack-catalogue.js';
import { attackEnricher } from './attack-enricher.js';
import { loadMappingFile, parseMappingEntry, RuleMappings } from './rule-mappings.js';

const Technique = z.string().refine((s) => parseMappingEntry(s) !== undefined, { message: 'not a technique id (T1110, T1110.001, T1543@persistence)' });

/** `ingest.attack`: where the catalogue and the rule mappings come from. */
export const AttackConfig = z
  .object({
    /** The compact catalogue (scripts/gen-attack-catalogue.ts writes it). */
    catalogue: z.string().default(DEFAULT_CATALOGUE_FILE),
    /** Mapping files, applied in order; relative to the package root unless absolute. */
    mappingFiles: z.array(z.string()).default(['config/attack/mappings.yaml']),
    /** product -> rule id -> techniques; applied after the files, so it can correct them. */
    mappings: z.record(z.string(), z.record(z.string(), z.array(Technique))).default({}),
  })
  .strict();
export type AttackConfig = z.infer<typeof AttackConfig>;

/** The catalogue and the rule mappings a config names, as one enricher (intake and `socdeck parse`). */
export function attackEnricherFor(cfg: AttackConfig): { enrich: ReturnType<typeof attackEnricher>; catalogue: AttackCatalogue; mappings: RuleMappings } {
  const catalogue = loadCatalogue(cfg.catalogue);
  const mappings = new RuleMappings();
  for (const f of cfg.mappingFiles) mappings.add(loadMappingFile(f));
  mappings.add(cfg.mappings);
  return { enrich: attackEnricher(catalogue, mappings), catalogue, mappings };
}
