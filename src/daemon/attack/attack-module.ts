import { z } from 'zod';
import { defineModule, type ModuleContext } from '../module.js';
import { attackEnricher } from './attack-enricher.js';
import { DEFAULT_CATALOGUE_FILE, loadCatalogue } from './load-catalogue.js';
import { loadMappingFile, parseMappingEntry, RuleMappings } from './rule-mappings.js';

const Technique = z.string().refine((s) => parseMappingEntry(s) !== undefined, { message: 'not a technique id (T1110, T1110.001, T1543@persistence)' });

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

/** The catalogue and the rule mappings a config names, as one enricher (also used by `socdeck parse`). */
export function attackEnricherFor(cfg: AttackConfig): { enrich: ReturnType<typeof attackEnricher>; catalogue: ReturnType<typeof loadCatalogue>; mappings: RuleMappings } {
  const catalogue = loadCatalogue(cfg.catalogue);
  const mappings = new RuleMappings();
  for (const f of cfg.mappingFiles) mappings.add(loadMappingFile(f));
  mappings.add(cfg.mappings);
  return { enrich: attackEnricher(catalogue, mappings), catalogue, mappings };
}

/** ATT&CK on every new alert row; starts before any source so no row is stored without it. */
export const attackModule = () =>
  defineModule<AttackConfig>({
    name: 'attack',
    configSchema: AttackConfig,
    start(ctx: ModuleContext<AttackConfig>) {
      const { enrich, catalogue, mappings } = attackEnricherFor(ctx.config);
      ctx.intake.configure({ enrich });
      ctx.log.info('ATT&CK catalogue loaded', { version: catalogue.version, techniques: catalogue.size, ruleMappings: mappings.size });
    },
    stop() {},
  });
