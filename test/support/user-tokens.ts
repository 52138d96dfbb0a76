import type { CustomerScope } from '../../src/shared/permissions.js';

/**
 * Tests attach as named analysts: each name gets a user of its own (admin, every customer,
 * unless asked otherwise) on first use, because the daemon takes identity from the token.
 */
export function userTokens(add: (u: { name: string; role: string; customers: CustomerScope }) => Promise<{ token: string }>) {
  const tokens = new Map<string, Promise<string>>();
  return (name: string, role = 'admin', customers: CustomerScope = 'all'): Promise<string> => {
    let t = tokens.get(name);
    if (!t) {
      t = add({ name, role, customers }).then((r) => r.token);
      tokens.set(name, t);
    }
    return t;
  };
}
