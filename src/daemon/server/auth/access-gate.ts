import { SocdeckError } from '../../../shared/errors.js';
import type { Permission } from '../../../shared/permissions.js';
import { auditOp } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import type { AuthenticatedUser } from './user-registry.js';

/** Refuses what a user's role does not allow, with `forbidden` naming the permission, and audits each refusal. */
export class AccessGate {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async require(user: AuthenticatedUser, permission: Permission, what: { kind: 'method' | 'path'; id: string }): Promise<void> {
    if (user.permissions.has(permission)) return;
    await this.refuse(user, permission, what, `${user.name} (role ${user.role}) lacks permission ${permission} for ${what.id}`);
  }

  /** Audits and throws a refusal decided elsewhere (e.g. a path outside the configured roots). */
  async refuse(user: AuthenticatedUser, permission: Permission, what: { kind: 'method' | 'path'; id: string }, message: string): Promise<never> {
    const at = new Date(this.clock.now()).toISOString();
    this.log.warn('request refused', { actor: user.name, role: user.role, permission, target: what.id });
    await this.store.commit([auditOp({ actor: user.name, action: 'forbidden', target: what, at, before: {}, after: { permission, role: user.role } })]);
    throw new SocdeckError('forbidden', message, { permission });
  }
}
