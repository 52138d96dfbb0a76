import { createHash } from 'node:crypto';
import { SocdeckError } from '../../../shared/errors.js';
import type { CustomerScope, Permission } from '../../../shared/permissions.js';
import type { Identity, UserView } from '../../../shared/user-methods.js';
import { auditOp } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import { USERS } from '../../collections.js';
import type { Store } from '../../store/store.js';
import { hashSecret, newToken, secretMatches, splitToken, type TokenHash } from './token-hash.js';

/** A user as stored: the view plus the token's id and salted hash (never the token). */
interface UserRecord extends UserView, TokenHash {
  tokenId: string;
}

export interface AuthenticatedUser {
  name: string;
  role: string;
  customers: CustomerScope;
  permissions: ReadonlySet<Permission>;
}

function view(u: UserRecord): UserView {
  const { tokenId: _i, salt: _s, hash: _h, ...v } = u;
  return v;
}

/**
 * Users and their tokens, in the journalled store so every change is audited in the same
 * commit. A token that checked out once is remembered in memory by its SHA-256, so a client
 * that reconnects does not pay scrypt again; any change to the users forgets them all.
 */
export class UserRegistry {
  private readonly verified = new Map<string, string>();
  private readonly revokedListeners: ((name: string) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly roles: ReadonlyMap<string, ReadonlySet<Permission>>,
  ) {}

  get isEmpty(): boolean {
    return this.store.count(USERS) === 0;
  }

  /** Whether a user of this name was ever added (revoked ones count). */
  known(name: string): boolean {
    return this.store.get<UserRecord>(USERS, name) !== undefined;
  }

  /** Called with the user's name after a revoke or rotate, so their open connections can be closed. */
  onTokenInvalidated(fn: (name: string) => void): void {
    this.revokedListeners.push(fn);
  }

  list(): UserView[] {
    return this.store.values<UserRecord>(USERS).map(view);
  }

  identityOf(name: string): Identity {
    const u = this.live(name);
    return { name: u.name, role: u.role, customers: u.customers === 'all' ? 'all' : [...u.customers], permissions: [...(this.roles.get(u.role) ?? [])].sort() };
  }

  async authenticate(token: string | undefined): Promise<AuthenticatedUser | undefined> {
    const parts = token === undefined ? undefined : splitToken(token);
    if (!parts || token === undefined) return undefined;
    const key = createHash('sha256').update(token).digest('hex');
    const cached = this.verified.get(key);
    const rec = this.store.values<UserRecord>(USERS).find((u) => u.tokenId === parts.id && !u.revokedAt);
    if (!rec) return undefined;
    if (cached !== rec.name) {
      if (!(await secretMatches(rec, parts.secret))) return undefined;
      this.verified.set(key, rec.name);
    }
    const permissions = this.roles.get(rec.role);
    // A role taken out of the config leaves its users unable to act rather than guessing.
    if (!permissions) return undefined;
    return { name: rec.name, role: rec.role, customers: rec.customers, permissions };
  }

  async add(p: { name: string; role: string; customers: CustomerScope }, by: string): Promise<{ user: UserView; token: string }> {
    if (!this.roles.has(p.role)) throw new SocdeckError('invalid_params', `unknown role ${p.role} (roles: ${[...this.roles.keys()].join(', ')})`);
    const existing = this.store.get<UserRecord>(USERS, p.name);
    if (existing && !existing.revokedAt) throw new SocdeckError('conflict', `user ${p.name} exists (rotate its token with users rotate)`);
    const t = newToken();
    const at = new Date(this.clock.now()).toISOString();
    const rec: UserRecord = { name: p.name, role: p.role, customers: p.customers === 'all' ? 'all' : [...p.customers], createdAt: at, createdBy: by, tokenId: t.id, ...(await hashSecret(t.secret)) };
    await this.commit(rec, by, 'user.add', existing ? view(existing) : {}, { role: p.role, customers: p.customers });
    return { user: view(rec), token: t.token };
  }

  async rotate(name: string, by: string): Promise<{ user: UserView; token: string }> {
    const rec = this.live(name);
    const t = newToken();
    const next: UserRecord = { ...rec, rotatedAt: new Date(this.clock.now()).toISOString(), tokenId: t.id, ...(await hashSecret(t.secret)) };
    await this.commit(next, by, 'user.rotate', { tokenId: rec.tokenId }, { tokenId: next.tokenId });
    this.invalidated(name);
    return { user: view(next), token: t.token };
  }

  async revoke(name: string, by: string): Promise<UserView> {
    const rec = this.live(name);
    const next: UserRecord = { ...rec, revokedAt: new Date(this.clock.now()).toISOString() };
    await this.commit(next, by, 'user.revoke', {}, { revokedAt: next.revokedAt });
    this.invalidated(name);
    return view(next);
  }

  private live(name: string): UserRecord {
    const rec = this.store.get<UserRecord>(USERS, name);
    if (!rec || rec.revokedAt) throw new SocdeckError('not_found', `no user ${name}`);
    return rec;
  }

  private invalidated(name: string): void {
    for (const fn of this.revokedListeners) fn(name);
  }

  private async commit(rec: UserRecord, by: string, action: string, before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
    this.verified.clear();
    const at = new Date(this.clock.now()).toISOString();
    await this.store.commit([{ op: 'put', coll: USERS, id: rec.name, value: rec }, auditOp({ actor: by, action, target: { kind: 'user', id: rec.name }, at, before, after })]);
  }
}
