import type { InventoryPackage } from '../../../shared/intel.js';
import { SocdeckError } from '../../../shared/errors.js';
import { packageFromPurl } from './purl.js';

interface CdxComponent {
  name?: string;
  version?: string;
  purl?: string;
  components?: CdxComponent[];
}

export function isCycloneDx(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { bomFormat?: unknown }).bomFormat === 'CycloneDX';
}

export function isSpdx(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && typeof (doc as { spdxVersion?: unknown }).spdxVersion === 'string';
}

export interface SbomPackages {
  packages: InventoryPackage[];
  /** Components without a usable purl + version, named so nothing is dropped silently. */
  skipped: string[];
}

/** CycloneDX JSON: every component (nested ones too) identified by its purl. */
export function packagesFromCycloneDx(doc: unknown, where: string): SbomPackages {
  const root = doc as { components?: unknown; metadata?: { component?: CdxComponent } };
  if (root.components !== undefined && !Array.isArray(root.components)) throw new SocdeckError('invalid_params', `${where}: components must be an array`);
  const out: SbomPackages = { packages: [], skipped: [] };
  const visit = (c: CdxComponent, path: string) => {
    const pkg = c.purl ? packageFromPurl(c.purl) : undefined;
    if (pkg) out.packages.push(pkg);
    else out.skipped.push(`${path} ${c.name ?? '?'}@${c.version ?? '?'}${c.purl ? ` (purl ${c.purl} not usable)` : ' (no purl)'}`);
    for (const [i, sub] of (c.components ?? []).entries()) visit(sub, `${path}.components[${i}]`);
  };
  for (const [i, c] of ((root.components as CdxComponent[] | undefined) ?? []).entries()) visit(c, `components[${i}]`);
  return out;
}

interface SpdxPackage {
  name?: string;
  versionInfo?: string;
  externalRefs?: { referenceType?: string; referenceLocator?: string }[];
}

/** SPDX 2.x JSON: packages with a `purl` external reference. */
export function packagesFromSpdx(doc: unknown, where: string): SbomPackages {
  const pkgs = (doc as { packages?: unknown }).packages;
  if (pkgs !== undefined && !Array.isArray(pkgs)) throw new SocdeckError('invalid_params', `${where}: packages must be an array`);
  const out: SbomPackages = { packages: [], skipped: [] };
  for (const [i, p] of ((pkgs as SpdxPackage[] | undefined) ?? []).entries()) {
    const purl = p.externalRefs?.find((r) => r.referenceType === 'purl')?.referenceLocator;
    const pkg = purl ? packageFromPurl(purl) : undefined;
    if (pkg) out.packages.push(pkg);
    else out.skipped.push(`packages[${i}] ${p.name ?? '?'}@${p.versionInfo ?? '?'}${purl ? ` (purl ${purl} not usable)` : ' (no purl)'}`);
  }
  return out;
}
