import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SocdeckError } from '../../shared/errors.js';
import { PACKAGE_ROOT } from '../config.js';
import { DECODER_NAMES, type DecoderName } from './decoders/decoder-registry.js';
import type { SigmaLogsource } from './sigma-types.js';

/** Where the shipped log-source mappings live, relative to the package. */
export const BUILTIN_MAPPING_DIR = 'config/sigma/mappings';

const Logsource = z.object({ product: z.string().optional(), service: z.string().optional(), category: z.string().optional() }).strict();

export const LogMapping = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
    decoder: z.enum(DECODER_NAMES as [DecoderName, ...DecoderName[]]),
    /** The rule logsources this mapping serves: a rule applies when its logsource is one of these. */
    logsources: z.array(Logsource).min(1),
    /** Sigma field name -> decoded field name, for fields the decoder names otherwise. */
    fields: z.record(z.string(), z.string()).default({}),
    /** Decoded fields lifted onto the alert. */
    entities: z.object({ host: z.string().optional(), user: z.string().optional(), srcIp: z.string().optional() }).strict().default({}),
  })
  .strict();
export type LogMapping = z.infer<typeof LogMapping>;

/**
 * The shipped mappings plus those in `extraDirs` (config's own); a later file with the same
 * name replaces an earlier one, so a deployment can correct a shipped mapping.
 */
export function loadLogMappings(extraDirs: readonly string[] = []): Map<string, LogMapping> {
  const out = new Map<string, LogMapping>();
  for (const dir of [join(PACKAGE_ROOT, BUILTIN_MAPPING_DIR), ...extraDirs.map((d) => (isAbsolute(d) ? d : join(PACKAGE_ROOT, d)))]) {
    for (const name of readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()) {
      const file = join(dir, name);
      const res = LogMapping.safeParse(parse(readFileSync(file, 'utf8')));
      if (!res.success) {
        const i = res.error.issues[0]!;
        throw new SocdeckError('config_invalid', `${file}: ${i.path.join('.') || '(top)'}: ${i.message}`);
      }
      out.set(res.data.name, res.data);
    }
  }
  return out;
}

/** Whether a rule with logsource `ls` is meant for logs this mapping decodes. */
export function servesLogsource(m: LogMapping, ls: SigmaLogsource): boolean {
  return m.logsources.some((s) => s.product === ls.product && s.service === ls.service && s.category === ls.category);
}

/** The first mapping that serves the rule's logsource (the CLI's default when none is named). */
export function mappingFor(mappings: ReadonlyMap<string, LogMapping>, ls: SigmaLogsource): LogMapping | undefined {
  return [...mappings.values()].find((m) => servesLogsource(m, ls));
}
