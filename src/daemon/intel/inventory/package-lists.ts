import type { InventoryPackage } from '../../../shared/intel.js';
import { distroEcosystem, parseOsRelease, type OsInfo } from './os-release.js';

/**
 * The read-only collection script, run with `sh -c` locally or as the ssh remote command.
 * It only reads: os-release and the package manager's database.
 */
export const COLLECT_SCRIPT = [
  'cat /etc/os-release 2>/dev/null',
  'echo @@socdeck-packages',
  "if command -v dpkg-query >/dev/null 2>&1; then echo @@dpkg; dpkg-query -W -f='${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${db:Status-Abbrev}\\n';",
  "elif command -v rpm >/dev/null 2>&1; then echo @@rpm; rpm -qa --qf '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n';",
  'elif command -v apk >/dev/null 2>&1; then echo @@apk; apk info -v 2>/dev/null;',
  'else echo @@none; fi',
].join('\n');

export interface CollectedInventory {
  os: OsInfo | undefined;
  manager: 'dpkg' | 'rpm' | 'apk' | 'none';
  packages: InventoryPackage[];
  /** Lines that did not parse, with their line number in the output. */
  skipped: { line: number; text: string }[];
}

export function parseCollectOutput(out: string): CollectedInventory {
  const [osText = '', rest = ''] = out.split('@@socdeck-packages\n');
  const os = parseOsRelease(osText);
  const lines = rest.split('\n');
  const manager = (lines[0] ?? '').replace('@@', '') as CollectedInventory['manager'];
  const skipped: CollectedInventory['skipped'] = [];
  const packages: InventoryPackage[] = [];
  const offset = osText.split('\n').length + 1;
  const ecosystem = distroEcosystem(os, manager === 'dpkg' ? 'Debian' : manager === 'apk' ? 'Alpine' : 'Red Hat');
  for (const [i, text] of lines.slice(1).entries()) {
    if (text.trim() === '') continue;
    const pkg = manager === 'dpkg' ? parseDpkgLine(text, ecosystem) : manager === 'rpm' ? parseRpmLine(text, ecosystem) : manager === 'apk' ? parseApkLine(text, ecosystem) : undefined;
    if (pkg === null) continue;
    if (pkg) packages.push(pkg);
    else skipped.push({ line: offset + i + 1, text: text.slice(0, 200) });
  }
  return { os, manager: ['dpkg', 'rpm', 'apk'].includes(manager) ? manager : 'none', packages, skipped };
}

/** null: a well-formed line for a package that is not installed (dpkg `rc` state). */
function parseDpkgLine(text: string, ecosystem: string): InventoryPackage | undefined | null {
  const [name, version, srcName, srcVersion, status] = text.split('\t');
  if (!name || !version) return undefined;
  if (status && !status.startsWith('ii') && !status.startsWith('hi')) return null;
  return { name, version, ecosystem, source: { name: srcName || name, version: srcVersion || version } };
}

function parseRpmLine(text: string, ecosystem: string): InventoryPackage | undefined {
  const [name, evr] = text.split('\t');
  if (!name || !evr) return undefined;
  // rpm prints epoch 0 for packages without one; OSV versions omit it.
  return { name, version: evr.replace(/^0:/, ''), ecosystem };
}

function parseApkLine(text: string, ecosystem: string): InventoryPackage | undefined {
  const m = /^(.+)-(\d[^-]*-r\d+)$/.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1] as string, version: m[2] as string, ecosystem };
}
