import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/daemon/clock.js';
import { ADMIN_TOKEN_FILE, ensureFirstAdmin } from '../../../../src/daemon/server/auth.js';
import { UserRegistry } from '../../../../src/daemon/server/auth/user-registry.js';
import { JsonStore } from '../../../../src/daemon/store/store.js';
import { BUILTIN_ROLES, resolveRoles } from '../../../../src/shared/permissions.js';

const dirs: string[] = [];
const stores: JsonStore[] = [];
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'socdeck-first-admin-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One users table (the shared store) seen by members that each have their own data dir. */
async function sharedUsers(): Promise<UserRegistry> {
  const store = await JsonStore.open(dir());
  stores.push(store);
  return new UserRegistry(store, systemClock, resolveRoles(BUILTIN_ROLES));
}

describe('first admin token', () => {
  it('a lone daemon adds its OS user once and later keeps the token file, never adding another OS user', async () => {
    const users = await sharedUsers();
    const data = dir();
    const first = await ensureFirstAdmin(users, data, { osUser: 'alice' });
    expect(readFileSync(join(data, ADMIN_TOKEN_FILE), 'utf8').trim()).toBe(first.token);
    expect((await users.authenticate(first.token))?.role).toBe('admin');
    expect(await ensureFirstAdmin(users, data, { osUser: 'alice' })).toEqual({ token: first.token });
    const other = dir();
    expect(await ensureFirstAdmin(users, other, { osUser: 'bob' })).toEqual({ token: undefined });
    expect(users.known('bob')).toBe(false);
  });

  it('each cluster member adds its own OS user; one whose user exists gets no rotated token but a named warning', async () => {
    const users = await sharedUsers();
    const [a, b, c] = [dir(), dir(), dir()];
    const ta = await ensureFirstAdmin(users, a, { shared: true, osUser: 'alice' });
    const tb = await ensureFirstAdmin(users, b, { shared: true, osUser: 'bob' });
    expect(tb.missing).toBeUndefined();
    expect((await users.authenticate(tb.token))?.name).toBe('bob');
    // c runs as alice too: rotating would cut off a's file, so c only says what is missing.
    expect(await ensureFirstAdmin(users, c, { shared: true, osUser: 'alice' })).toEqual({ token: undefined, missing: 'alice' });
    expect(existsSync(join(c, ADMIN_TOKEN_FILE))).toBe(false);
    expect((await users.authenticate(ta.token))?.name).toBe('alice');
    // A revoked user is not re-added by restarting a member as that OS user.
    await users.revoke('bob', 'alice');
    expect(await ensureFirstAdmin(users, dir(), { shared: true, osUser: 'bob' })).toMatchObject({ missing: 'bob' });
    expect(await users.authenticate(tb.token)).toBeUndefined();
  });
});
