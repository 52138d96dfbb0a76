import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { AttackCatalogue, CatalogueFile } from '../shared/attack/catalogue.js';
import { SocdeckError } from '../shared/errors.js';
import { PACKAGE_ROOT } from './config.js';

export const DEFAULT_CATALOGUE_FILE = 'config/attack/enterprise-attack.json';

/** The shipped (or configured) ATT&CK catalogue; relative paths are from the package root. */
export function loadCatalogue(file: string = DEFAULT_CATALOGUE_FILE): AttackCatalogue {
  const abs = isAbsolute(file) ? file : join(PACKAGE_ROOT, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (err) {
    throw new SocdeckError('config_invalid', `ATT&CK catalogue ${file}: ${(err as Error).message}`, { file });
  }
  const parsed = CatalogueFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SocdeckError('config_invalid', `ATT&CK catalogue ${file}: ${issue.path.join('.')}: ${issue.message} (regenerate it with scripts/gen-attack-catalogue.ts)`, { file });
  }
  return new AttackCatalogue(parsed.data);
}
