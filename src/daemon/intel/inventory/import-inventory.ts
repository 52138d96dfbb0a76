import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { InventoryPackage } from '../../../shared/intel.js';
import { SocdeckError } from '../../../shared/errors.js';
import { parseJsonText } from '../feeds/feed-document.js';
import { parseWith } from '../feeds/parse-util.js';
import { packagesFromGoSum, packagesFromPackageLock, packagesFromPom, packagesFromRequirements } from './lockfiles.js';
import { parseCollectOutput } from './package-lists.js';
import { isCycloneDx, isSpdx, packagesFromCycloneDx, packagesFromSpdx } from './sbom.js';

export const MAX_INVENTORY_FILE_BYTES = 256 * 1024 * 1024;

export interface ImportedInventory {
  /** How the packages were read: `cyclonedx`, `spdx`, `package-lock`, `requirements`, `go.sum`, `pom`, `packages-json`, `collect-output`. */
  kind: string;
  packages: InventoryPackage[];
  skipped: string[];
  os?: { id: string; versionId?: string; name?: string };
}

/** socdeck's own inventory JSON (what `socdeck intel inventory local --json` prints). */
const PackagesJson = z.object({ packages: z.array(InventoryPackage), os: z.object({ id: z.string(), versionId: z.string().optional(), name: z.string().optional() }).optional() });

/**
 * Reads an inventory file, recognised by name (package-lock.json, requirements*.txt, go.sum,
 * pom.xml) or content (CycloneDX / SPDX JSON SBOM, socdeck inventory JSON, collect-script output).
 */
export function readInventoryFile(file: string): ImportedInventory {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new SocdeckError('not_found', `${file}: no such file`);
  if (st.size > MAX_INVENTORY_FILE_BYTES) throw new SocdeckError('invalid_params', `${file}: ${st.size} bytes is above the ${MAX_INVENTORY_FILE_BYTES} byte cap`);
  const text = readFileSync(file, 'utf8');
  const name = basename(file);
  if (name === 'go.sum') return { kind: 'go.sum', ...packagesFromGoSum(text, file) };
  if (/^requirements.*\.txt$/.test(name)) return { kind: 'requirements', ...packagesFromRequirements(text, file) };
  if (name === 'pom.xml' || name.endsWith('.pom')) return { kind: 'pom', ...packagesFromPom(text, file) };
  if (text.includes('@@socdeck-packages')) {
    const c = parseCollectOutput(text);
    return { kind: 'collect-output', packages: c.packages, skipped: c.skipped.map((s) => `${file}:${s.line}: ${s.text}`), ...(c.os ? { os: c.os } : {}) };
  }
  const doc = parseJsonText(text, file);
  if (name === 'package-lock.json' || (typeof doc === 'object' && doc !== null && 'lockfileVersion' in doc)) return { kind: 'package-lock', ...packagesFromPackageLock(doc, file) };
  if (isCycloneDx(doc)) return { kind: 'cyclonedx', ...packagesFromCycloneDx(doc, file) };
  if (isSpdx(doc)) return { kind: 'spdx', ...packagesFromSpdx(doc, file) };
  if (typeof doc === 'object' && doc !== null && 'packages' in doc) {
    const d = parseWith(PackagesJson, doc, file);
    return { kind: 'packages-json', packages: d.packages, skipped: [], ...(d.os ? { os: d.os } : {}) };
  }
  throw new SocdeckError('invalid_params', `${file}: not a recognised inventory (CycloneDX/SPDX JSON, package-lock.json, requirements.txt, go.sum, pom.xml, socdeck inventory JSON)`);
}
