/** Users and identity (issue 19): wire methods spread into protocol.ts `Methods`. */
import { z } from 'zod';

export const UserName = z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}$/, 'a user name is lowercase letters, digits, _ . - (at most 32), starting with a letter or _');
export const Customers = z.union([z.literal('all'), z.array(z.string().min(1).max(64)).min(1).max(500)]);

export const UserView = z.object({
  name: z.string(),
  role: z.string(),
  customers: Customers,
  createdAt: z.string(),
  createdBy: z.string(),
  rotatedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type UserView = z.infer<typeof UserView>;

/** Who the daemon says the caller is: from the token, never from hello. */
export const Identity = z.object({ name: z.string(), role: z.string(), customers: Customers, permissions: z.array(z.string()) });
export type Identity = z.infer<typeof Identity>;

export const USER_METHODS = {
  'auth.whoami': { params: z.object({}).optional(), result: Identity },
  'users.list': { params: z.object({}).optional(), result: z.object({ users: z.array(UserView) }) },
  /** The token is in the answer once and stored only as a salted hash. */
  'users.add': { params: z.object({ name: UserName, role: z.string().min(1).max(32), customers: Customers }), result: z.object({ user: UserView, token: z.string() }) },
  'users.revoke': { params: z.object({ name: UserName }), result: UserView },
  'users.rotate': { params: z.object({ name: UserName }), result: z.object({ user: UserView, token: z.string() }) },
} as const;
