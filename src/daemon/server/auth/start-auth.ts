import { z } from 'zod';
import { SocdeckError } from '../../../shared/errors.js';
import { BUILTIN_ROLES, PERMISSIONS, resolveRoles } from '../../../shared/permissions.js';
import type { Clock } from '../../clock.js';
import { describeZodError, type LoadedConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { RpcRegistry } from '../../module.js';
import type { Store } from '../../store/store.js';
import { ensureFirstAdmin } from '../auth.js';
import { AccessGate } from './access-gate.js';
import { CustomerScoper } from './customer-scope.js';
import { PathRoots } from './path-roots.js';
import { SourceTokens } from './source-tokens.js';
import { registerUserMethods } from './user-methods.js';
import { UserRegistry } from './user-registry.js';

/** The `auth:` config section: extra roles (the built-in four cannot be redefined) and path roots. */
export const AuthConfig = z
  .object({
    roles: z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/), z.object({ inherits: z.string().optional(), permissions: z.array(z.enum(PERMISSIONS)).default([]) }).strict()).default({}),
    /** Folders on the daemon host that paths sent over the wire must lie under; empty means the data dir only. */
    pathRoots: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .default({ roles: {}, pathRoots: [] });

export interface Auth {
  users: UserRegistry;
  access: AccessGate;
  scoper: CustomerScoper;
  paths: PathRoots;
  sourceTokens: SourceTokens;
  /** The first-start admin token from the data dir; empty when that file was removed. */
  adminToken: string;
}

export async function startAuth(o: {
  section: unknown;
  locate: LoadedConfig['locate'];
  store: Store;
  clock: Clock;
  log: Logger;
  dataDir: string;
  rpc: RpcRegistry;
  /** The configured webhook sources' names. */
  webhooks: () => readonly string[];
}): Promise<Auth> {
  const parsed = AuthConfig.safeParse(o.section ?? {});
  if (!parsed.success) throw new SocdeckError('config_invalid', describeZodError(parsed.error, ['auth'], o.locate));
  for (const name of Object.keys(parsed.data.roles)) {
    if (Object.hasOwn(BUILTIN_ROLES, name)) throw new SocdeckError('config_invalid', `${o.locate(['auth', 'roles', name])}auth.roles.${name}: a built-in role cannot be redefined`);
  }
  let roles;
  try {
    roles = resolveRoles({ ...BUILTIN_ROLES, ...parsed.data.roles });
  } catch (err) {
    throw new SocdeckError('config_invalid', `${o.locate(['auth', 'roles'])}auth.roles: ${(err as Error).message}`);
  }
  const users = new UserRegistry(o.store, o.clock, roles);
  const sourceTokens = new SourceTokens(o.store, o.clock, o.webhooks);
  registerUserMethods(o.rpc, users, sourceTokens);
  const first = await ensureFirstAdmin(users, o.dataDir, { shared: o.store.backend === 'postgres' });
  if (first.missing)
    o.log.warn(
      `user ${first.missing} exists in the shared users table but this member's data dir holds no working token for it: copy the token file of a member that has one into this data dir (rotating it would cut that member's file off)`,
    );
  const adminToken = first.token ?? '';
  const access = new AccessGate(o.store, o.clock, o.log);
  const roots = parsed.data.pathRoots.length > 0 ? parsed.data.pathRoots : [o.dataDir];
  return { users, access, scoper: new CustomerScoper(o.store), paths: new PathRoots(roots, access), sourceTokens, adminToken };
}
