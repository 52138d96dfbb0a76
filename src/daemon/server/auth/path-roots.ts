import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Permission } from '../../../shared/permissions.js';
import type { MethodName } from '../../../shared/protocol.js';
import type { AccessGate } from './access-gate.js';
import type { AuthenticatedUser } from './user-registry.js';

/** The params of each method that name a path on the daemon host. */
const PATH_PARAMS: Partial<Record<MethodName, string>> = {
  'leaks.scan': 'paths',
  'intel.import': 'path',
  'inventory.import': 'path',
};

/**
 * Paths that come over the wire must lie under a configured root, for every role: the daemon
 * reads as its own OS user, so a path outside would read what the caller may not. Symlinks are
 * followed first, so a link inside a root cannot point out of it.
 */
export class PathRoots {
  private readonly roots: string[];

  constructor(
    roots: readonly string[],
    private readonly access: AccessGate,
  ) {
    this.roots = roots.map((r) => real(resolve(r)));
  }

  async check(user: AuthenticatedUser, method: MethodName, params: unknown): Promise<void> {
    const key = PATH_PARAMS[method];
    if (!key || typeof params !== 'object' || params === null) return;
    const v = (params as Record<string, unknown>)[key];
    for (const p of Array.isArray(v) ? v : [v]) {
      if (typeof p !== 'string' || this.allows(p)) continue;
      await this.access.refuse(user, Permission.HostPaths, { kind: 'path', id: p }, `${p} is outside the configured path roots (auth.pathRoots: ${this.roots.join(', ')})`);
    }
  }

  private allows(p: string): boolean {
    if (!isAbsolute(p)) return false;
    const target = real(p);
    return this.roots.some((root) => {
      const rel = relative(root, target);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
  }
}

/** The real path of p, or of its nearest existing parent joined with the rest (for paths not there yet). */
function real(p: string): string {
  if (existsSync(p)) return realpathSync(p);
  const parent = dirname(p);
  return parent === p ? p : resolve(real(parent), relative(parent, p));
}
