import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SocdeckError } from '../../../shared/errors.js';

/** Filing levels a customer can carry; level 1 needs no filing and levels 4-5 are not ours to assess. */
export const MLPS_LEVELS = [2, 3] as const;
export type MlpsLevel = (typeof MLPS_LEVELS)[number];

const Localised = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).strict();

const Control = z
  .object({
    id: z.string().regex(/^[A-Z]+(-[A-Za-z0-9]+)+$/),
    family: z.string(),
    levels: z.array(z.union([z.literal(2), z.literal(3)])).min(1),
    clause: z.object({ l2: z.string().optional(), l3: z.string() }).strict(),
    evidence: z.enum(['technical', 'document']),
    title: Localised,
  })
  .strict();
export type MlpsControl = z.infer<typeof Control>;

const Catalogue = z.object({ families: z.record(z.string(), Localised), controls: z.array(Control).min(1) }).strict();
const Mapping = z.object({ rules: z.record(z.string().regex(/^[A-Z]+-\d{3}$/), z.array(z.string())) }).strict();

export interface MlpsData {
  families: Record<string, { en: string; 'zh-CN': string }>;
  controls: MlpsControl[];
  /** Rule id -> control ids its result is evidence for. */
  mapping: Record<string, string[]>;
}

function load<T>(file: string, schema: z.ZodType<T>): T {
  const r = schema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new SocdeckError('config_invalid', r.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`).join('\n'), { file });
  return r.data;
}

/** The control catalogue and the rule mapping from `dir` (config/mlps), cross-checked. */
export function loadMlps(dir: string, ruleIds: readonly string[]): MlpsData {
  const catFile = join(dir, 'gbt22239-2019.yaml');
  const mapFile = join(dir, 'mapping.yaml');
  const cat = load(catFile, Catalogue);
  const map = load(mapFile, Mapping);
  const known = new Set(cat.controls.map((c) => c.id));
  for (const c of cat.controls) if (!(c.family in cat.families)) throw new SocdeckError('config_invalid', `${catFile}: control ${c.id}: unknown family "${c.family}"`, { file: catFile });
  for (const [rule, ids] of Object.entries(map.rules)) {
    const bad = ids.find((id) => !known.has(id));
    if (bad) throw new SocdeckError('config_invalid', `${mapFile}: rules.${rule}: unknown control "${bad}"`, { file: mapFile });
  }
  const unmapped = ruleIds.filter((id) => !(id in map.rules));
  if (unmapped.length > 0) throw new SocdeckError('config_invalid', `${mapFile}: no entry for rule(s) ${unmapped.join(', ')} (an empty list says "no 等保 item")`, { file: mapFile });
  return { families: cat.families, controls: cat.controls, mapping: map.rules };
}
