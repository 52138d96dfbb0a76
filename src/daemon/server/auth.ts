import { userInfo } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { UserName } from '../../shared/user-methods.js';
import type { UserRegistry } from './auth/user-registry.js';

/** The admin token of the daemon's own OS user, in the data dir (mode 0600). */
export const ADMIN_TOKEN_FILE = 'token';

/**
 * On first start the OS user running the daemon becomes an admin with a token in the data dir,
 * so a one-analyst install needs no setup. Returns that token file's content when there is one.
 *
 * Cluster members (`shared`: the users table is the database's) each have their own data dir:
 * a member whose OS user has no user row yet adds it the same way, since whoever can start a
 * member holds the database credentials and so already has every power an admin has. A member
 * whose OS user exists but whose data dir holds no working token does not rotate it (that would
 * cut off the token files of the other members): `missing` names the user, for the start log.
 */
export async function ensureFirstAdmin(users: UserRegistry, dataDir: string, o: { shared?: boolean; osUser?: string } = {}): Promise<{ token?: string; missing?: string }> {
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  const os = o.osUser ?? osUserName();
  const name = UserName.safeParse(os).success ? os : 'admin';
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  if (users.isEmpty || (o.shared && !users.known(name))) {
    try {
      const { token } = await users.add({ name, role: 'admin', customers: 'all' }, 'daemon');
      writeFileSync(file, token + '\n', { mode: 0o600 });
      return { token };
    } catch (err) {
      // Another member starting at the same time added it first.
      if ((err as { code?: string }).code !== 'conflict') throw err;
    }
  }
  if (o.shared && (kept === undefined || !(await users.authenticate(kept)))) return { token: kept, missing: name };
  return { token: kept };
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'admin';
  }
}

export function tokenFromRequest(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  return undefined;
}
