import type { RpcRegistry } from '../../module.js';
import type { UserRegistry } from './user-registry.js';

/** users.* (admin; the permission table guards them) and auth.whoami (everyone). */
export function registerUserMethods(rpc: RpcRegistry, users: UserRegistry): void {
  rpc.register('auth.whoami', (_p, s) => users.identityOf(s.actor));
  rpc.register('users.list', () => ({ users: users.list() }));
  rpc.register('users.add', (p, s) => users.add(p, s.actor));
  rpc.register('users.rotate', (p, s) => users.rotate(p.name, s.actor));
  rpc.register('users.revoke', (p, s) => users.revoke(p.name, s.actor));
}
