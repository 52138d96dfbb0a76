/** /etc/os-release → the OSV ecosystem its distro packages belong to. */
export interface OsInfo {
  id: string;
  versionId?: string;
  name?: string;
}

export function parseOsRelease(text: string): OsInfo | undefined {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) kv.set(m[1] as string, (m[2] as string).replace(/^"(.*)"$/, '$1'));
  }
  const id = kv.get('ID');
  if (!id) return undefined;
  const versionId = kv.get('VERSION_ID');
  const name = kv.get('PRETTY_NAME');
  return { id, ...(versionId ? { versionId } : {}), ...(name ? { name } : {}) };
}

const DISTRO_ECOSYSTEM: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  rhel: 'Red Hat',
  rocky: 'Rocky Linux',
  almalinux: 'AlmaLinux',
  opensuse: 'openSUSE',
  'opensuse-leap': 'openSUSE',
  sles: 'SUSE',
};

/** `Debian:12`, `Ubuntu:22.04`, `Alpine:v3.19`: the release form OSV uses for each distro. */
export function distroEcosystem(os: OsInfo | undefined, fallback: string): string {
  if (!os) return fallback;
  const base = DISTRO_ECOSYSTEM[os.id] ?? fallback;
  const v = os.versionId;
  if (!v) return base;
  if (base === 'Alpine') return `Alpine:v${v.split('.').slice(0, 2).join('.')}`;
  if (base === 'Debian' || base === 'Rocky Linux' || base === 'AlmaLinux' || base === 'Red Hat') return `${base}:${v.split('.')[0]}`;
  return `${base}:${v}`;
}
