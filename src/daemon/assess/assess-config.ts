import { z } from 'zod';
import { SocdeckError } from '../../shared/errors.js';
import { describeZodError, loadConfig, type LoadedConfig } from '../config.js';
import { MODULE_NAMES } from '../module-names.js';
import { AssetsConfig, type Asset } from '../scan/assets.js';
import { ScanConfig } from '../scan/scan-config.js';
import { normalizeDomain, parseResolver } from './domain/dns-lookup.js';

/** The `assess` section: read by `socdeck assess run`, which no daemon module runs. */
export const AssessConfig = z
  .object({
    dns: z
      .object({
        /** `HOST:PORT` of the resolver domain exposure asks; absent: the system's. */
        resolver: z
          .string()
          .refine((s) => parseResolver(s) !== undefined, 'expected HOST:PORT (or [v6]:PORT, or a host on port 53)')
          .nullish(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type AssessConfig = z.infer<typeof AssessConfig>;

export interface AssessSettings {
  assess: AssessConfig;
  assets: Asset[];
  scan: ScanConfig;
}

function section<T>(config: LoadedConfig, name: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(config.sections[name] ?? {});
  if (!parsed.success) throw new SocdeckError('config_invalid', describeZodError(parsed.error, [name], config.locate));
  return parsed.data;
}

/** What an assessment reads from the config files (default.yaml, then --config), each section validated. */
export function loadAssessSettings(configFile?: string): AssessSettings {
  const config = loadConfig(configFile, MODULE_NAMES);
  return { assess: section(config, 'assess', AssessConfig), assets: section(config, 'assets', AssetsConfig), scan: section(config, 'scan', ScanConfig) };
}

/** Each domain of the configured assets with the customer that owns it, once; only `customer`'s when given. */
export function assetDomains(assets: Asset[], customer?: string): { domain: string; customer: string }[] {
  const seen = new Map<string, string>();
  for (const a of assets) {
    if (customer !== undefined && a.customer !== customer) continue;
    for (const d of a.domains) {
      const domain = normalizeDomain(d);
      if (!seen.has(domain)) seen.set(domain, a.customer);
    }
  }
  return [...seen].map(([domain, c]) => ({ domain, customer: c }));
}
