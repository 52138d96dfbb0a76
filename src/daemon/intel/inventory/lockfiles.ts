import type { InventoryPackage } from '../../../shared/intel.js';
import { SocdeckError } from '../../../shared/errors.js';

export interface LockfilePackages {
  packages: InventoryPackage[];
  /** Entries that name no exact version (`flask>=2`, `${project.version}`), with their line. */
  skipped: string[];
}

/** package-lock.json v1 (nested `dependencies`) and v2/v3 (`packages` keyed by node_modules path). */
export function packagesFromPackageLock(doc: unknown, where: string): LockfilePackages {
  const d = doc as { lockfileVersion?: number; packages?: Record<string, { version?: string; name?: string; link?: boolean }>; dependencies?: Record<string, V1Dep> };
  if (typeof d.lockfileVersion !== 'number') throw new SocdeckError('invalid_params', `${where}: lockfileVersion missing; not a package-lock.json`);
  const out: LockfilePackages = { packages: [], skipped: [] };
  const seen = new Set<string>();
  const add = (name: string, version: string | undefined, at: string) => {
    if (!version) return void out.skipped.push(`${at}: ${name} has no version`);
    const key = `${name}@${version}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.packages.push({ name, version, ecosystem: 'npm', purl: `pkg:npm/${name.replace('@', '%40')}@${version}` });
  };
  if (d.packages) {
    for (const [path, p] of Object.entries(d.packages)) {
      if (path === '' || p.link) continue;
      const name = p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      add(name, p.version, `packages["${path}"]`);
    }
  } else {
    const walk = (deps: Record<string, V1Dep>, at: string) => {
      for (const [name, dep] of Object.entries(deps)) {
        add(name, dep.version, `${at}.${name}`);
        if (dep.dependencies) walk(dep.dependencies, `${at}.${name}.dependencies`);
      }
    };
    walk(d.dependencies ?? {}, 'dependencies');
  }
  return out;
}
interface V1Dep {
  version?: string;
  dependencies?: Record<string, V1Dep>;
}

/** requirements.txt: pinned `name==version` lines; anything else unpinned is reported. */
export function packagesFromRequirements(text: string, where: string): LockfilePackages {
  const out: LockfilePackages = { packages: [], skipped: [] };
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith('-')) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;,]+)\s*(?:;.*)?$/.exec(line.replace(/\s*\\$/, ''));
    if (m) out.packages.push({ name: m[1] as string, version: m[2] as string, ecosystem: 'PyPI' });
    else out.skipped.push(`${where}:${i + 1}: not pinned with ==: ${line.slice(0, 120)}`);
  }
  return out;
}

/** go.sum: each `module version[/go.mod] hash` line; the module versions the build can use. */
export function packagesFromGoSum(text: string, where: string): LockfilePackages {
  const out: LockfilePackages = { packages: [], skipped: [] };
  const seen = new Set<string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(\S+)\s+(v\S+?)(?:\/go\.mod)?\s+h1:\S+$/.exec(line);
    if (!m) {
      out.skipped.push(`${where}:${i + 1}: not a go.sum line`);
      continue;
    }
    const key = `${m[1]}@${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.packages.push({ name: m[1] as string, version: m[2] as string, ecosystem: 'Go' });
  }
  return out;
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1];

/**
 * pom.xml `<dependency>` entries with literal versions or `${property}` versions defined in
 * `<properties>`. Text-level reading on purpose: no DTDs or entities are ever expanded.
 */
export function packagesFromPom(xml: string, where: string): LockfilePackages {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SocdeckError('invalid_params', `${where}: DOCTYPE/ENTITY declarations are refused`);
  if (!/<project[\s>]/.test(xml)) throw new SocdeckError('invalid_params', `${where}: no <project> element; not a pom.xml`);
  const props = new Map<string, string>();
  const propsBlock = /<properties>([\s\S]*?)<\/properties>/.exec(xml)?.[1] ?? '';
  for (const m of propsBlock.matchAll(/<([A-Za-z0-9_.-]+)>\s*([^<]*?)\s*<\/\1>/g)) props.set(m[1] as string, m[2] as string);
  const projectVersion = tag(xml.replace(/<parent>[\s\S]*?<\/parent>/, '').replace(/<dependencies>[\s\S]*<\/dependencies>/, ''), 'version');
  if (projectVersion) props.set('project.version', projectVersion);
  const out: LockfilePackages = { packages: [], skipped: [] };
  for (const m of xml.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const body = m[1] as string;
    const line = xml.slice(0, m.index).split('\n').length;
    const group = tag(body, 'groupId');
    const artifact = tag(body, 'artifactId');
    const rawVersion = tag(body, 'version');
    const version = rawVersion?.replace(/\$\{([^}]+)\}/g, (all, p: string) => props.get(p) ?? all);
    if (!group || !artifact || !version || version.includes('${')) {
      out.skipped.push(`${where}:${line}: ${group ?? '?'}:${artifact ?? '?'} has no resolvable version${rawVersion ? ` (${rawVersion})` : ''}`);
      continue;
    }
    out.packages.push({ name: `${group}:${artifact}`, version, ecosystem: 'Maven', purl: `pkg:maven/${group}/${artifact}@${version}` });
  }
  return out;
}
