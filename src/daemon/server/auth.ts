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
 */
export async function ensureFirstAdmin(users: UserRegistry, dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  if (users.isEmpty) {
    const os = osUserName();
    const name = UserName.safeParse(os).success ? os : 'admin';
    const { token } = await users.add({ name, role: 'admin', customers: 'all' }, 'daemon');
    writeFileSync(file, token + '\n', { mode: 0o600 });
    return token;
  }
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
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
