import type { InventoryPackage } from '../../../shared/intel.js';

const TYPE_ECOSYSTEM: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  cargo: 'crates.io',
  nuget: 'NuGet',
  composer: 'Packagist',
  gem: 'RubyGems',
  hex: 'Hex',
  pub: 'Pub',
  swift: 'SwiftURL',
  deb: 'Debian',
  apk: 'Alpine',
  rpm: 'Red Hat',
};

/**
 * A package URL (`pkg:type/namespace/name@version?qualifiers`) as an inventory package in
 * OSV's naming: Maven `group:artifact`, Go and npm-scoped names with their namespace, distro
 * packages with the release from the `distro` qualifier.
 */
export function packageFromPurl(purl: string): InventoryPackage | undefined {
  const m = /^pkg:([a-zA-Z.+-]+)\/([^?#]+?)(?:@([^?#]+))?(?:\?([^#]*))?(?:#.*)?$/.exec(purl.trim());
  if (!m) return undefined;
  const type = (m[1] as string).toLowerCase();
  const path = (m[2] as string).split('/').map(decodeURIComponent);
  const version = m[3] ? decodeURIComponent(m[3]) : undefined;
  const ecosystemBase = TYPE_ECOSYSTEM[type];
  if (!ecosystemBase || !version) return undefined;
  const qualifiers = new URLSearchParams(m[4] ?? '');
  const name = path.at(-1) as string;
  const namespace = path.slice(0, -1);
  const fullName =
    type === 'maven'
      ? `${namespace.join('.')}:${name}`
      : namespace.length > 0 && (type === 'npm' || type === 'golang' || type === 'composer' || type === 'swift')
        ? `${namespace.join('/')}/${name}`
        : name;
  let ecosystem = ecosystemBase;
  const distro = qualifiers.get('distro');
  if (distro && (type === 'deb' || type === 'apk' || type === 'rpm')) {
    const d = /^(?:[a-z]+-)?(\d+(?:\.\d+)?)/.exec(distro);
    if (d) ecosystem = type === 'apk' ? `Alpine:v${d[1]}` : `${ecosystemBase}:${(d[1] as string).split('.')[0]}`;
  }
  if (namespace[0] === 'ubuntu' && type === 'deb') ecosystem = ecosystem.replace('Debian', 'Ubuntu');
  return { name: fullName, version, ecosystem, purl };
}
