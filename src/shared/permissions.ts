/**
 * Who may do what: ONE table from every RPC method, HTTP route and subscription to the
 * permission it needs, and the built-in roles as data. The daemon checks it at the RPC layer,
 * the README prints it, and the role matrix test is generated from it.
 */
import type { MethodName } from './protocol.js';

export const Permission = {
  /** Attach and say hello: every role. */
  Connect: 'connect',
  /** Every list, get and subscription, within the caller's customers. */
  Read: 'read',
  Metrics: 'metrics.read',
  Triage: 'alerts.triage',
  Incidents: 'incidents.write',
  Scans: 'scans.run',
  Leaks: 'leaks.write',
  /** Taking paths on the daemon host (leak scans of a path, imports): under the configured roots only. */
  HostPaths: 'paths.read',
  Advisories: 'advisories.publish',
  Reports: 'reports.publish',
  Risk: 'risk.accept',
  Suppressions: 'suppressions.write',
  Playbooks: 'playbooks.repin',
  Intel: 'intel.manage',
  Notify: 'notify.test',
  Ingest: 'alerts.ingest',
  Users: 'users.admin',
  Sources: 'sources.admin',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS = Object.values(Permission) as [Permission, ...Permission[]];

const P = Permission;

/** Every method; a method missing here does not compile, and the matrix test checks it at run time too. */
export const METHOD_PERMISSIONS: Record<MethodName, Permission> = {
  hello: P.Connect,
  'auth.whoami': P.Connect,
  'session.narrow': P.Connect,
  'daemon.status': P.Read,
  'alerts.list': P.Read,
  'alerts.get': P.Read,
  'alerts.subscribe': P.Read,
  'alerts.unsubscribe': P.Read,
  'alerts.ingest': P.Ingest,
  'alerts.ack': P.Triage,
  'alerts.take': P.Triage,
  'alerts.assign': P.Triage,
  'alerts.start': P.Triage,
  'alerts.resolve': P.Triage,
  'alerts.close': P.Triage,
  'alerts.reopen': P.Triage,
  'alerts.snooze': P.Triage,
  'alerts.note': P.Triage,
  'alerts.escalate': P.Incidents,
  'alerts.link': P.Incidents,
  'audit.list': P.Read,
  'suppressions.add': P.Suppressions,
  'suppressions.list': P.Read,
  'suppressions.remove': P.Suppressions,
  'filters.list': P.Read,
  'filters.save': P.Triage,
  'quarantine.list': P.Read,
  'quarantine.raw': P.Read,
  'quarantine.reingest': P.Triage,
  'scan.run': P.Scans,
  'scan.list': P.Read,
  'scan.get': P.Read,
  'scan.cancel': P.Scans,
  'scan.import': P.Scans,
  'findings.list': P.Read,
  'finding.get': P.Read,
  'finding.accept': P.Risk,
  'finding.verify': P.Scans,
  'finding.plan': P.Read,
  'sla.list': P.Read,
  'sla.get': P.Read,
  'sla.breaches': P.Read,
  'notify.outbox': P.Read,
  'notify.test': P.Notify,
  'leaks.list': P.Read,
  'leaks.get': P.Read,
  'leaks.scan': P.HostPaths,
  'leaks.setState': P.Leaks,
  'leaks.report': P.Read,
  'cloud.accounts': P.Read,
  'cloud.sync': P.Sources,
  'playbooks.list': P.Read,
  'playbooks.get': P.Read,
  'playbooks.log': P.Read,
  'playbooks.diff': P.Read,
  'playbooks.reload': P.Playbooks,
  'incidents.list': P.Read,
  'incidents.get': P.Read,
  'incidents.create': P.Incidents,
  'incidents.update': P.Incidents,
  'incidents.transition': P.Incidents,
  'incidents.note': P.Incidents,
  'incidents.grade': P.Incidents,
  'incidents.reported': P.Incidents,
  'incidents.check': P.Incidents,
  'incidents.repin': P.Playbooks,
  'incidents.link': P.Incidents,
  'incidents.observe': P.Incidents,
  'incidents.report': P.Read,
  'cases.list': P.Read,
  'cases.get': P.Read,
  'cases.merge': P.Triage,
  'cases.split': P.Triage,
  'cases.link': P.Incidents,
  'reports.build': P.Reports,
  'reports.list': P.Read,
  'intel.status': P.Read,
  'intel.import': P.Intel,
  'intel.poll': P.Intel,
  'intel.match': P.Intel,
  'inventory.list': P.Read,
  'inventory.get': P.Read,
  'inventory.history': P.Read,
  'inventory.collect': P.Scans,
  'inventory.import': P.Intel,
  'advisories.list': P.Read,
  'advisories.get': P.Read,
  'advisories.review': P.Advisories,
  'advisories.publish': P.Advisories,
  'advisories.dismiss': P.Advisories,
  'users.list': P.Users,
  'users.add': P.Users,
  'users.revoke': P.Users,
  'users.rotate': P.Users,
  'sources.rotate': P.Sources,
};

/**
 * HTTP routes that take a user's token, by `METHOD /path-prefix`. `/healthz` is open (liveness
 * only, no data); `POST /ingest/<source>` takes that source's own token and no user's (see SOURCE_TOKEN_ROUTE).
 */
export const HTTP_PERMISSIONS = {
  'GET /metrics': P.Metrics,
} as const satisfies Record<string, Permission>;
/** Webhook ingest: opened by the source's token (`socdeck sources rotate`), never by a user's. */
export const SOURCE_TOKEN_ROUTE = { method: 'POST', prefix: '/ingest/' } as const;

/** A role: what it may do, optionally on top of another role's permissions. */
export interface RoleSpec {
  inherits?: string | undefined;
  permissions: readonly Permission[];
}

export const BUILTIN_ROLES = {
  viewer: { permissions: [P.Connect, P.Read, P.Metrics] },
  analyst: { inherits: 'viewer', permissions: [P.Triage, P.Incidents, P.Scans, P.Leaks, P.HostPaths] },
  lead: { inherits: 'analyst', permissions: [P.Advisories, P.Reports, P.Risk, P.Suppressions, P.Playbooks, P.Intel, P.Notify] },
  admin: { inherits: 'lead', permissions: [P.Ingest, P.Users, P.Sources] },
} as const satisfies Record<string, RoleSpec>;

/** Every role's full permission set, inheritance resolved; throws on an unknown parent or a cycle. */
export function resolveRoles(roles: Readonly<Record<string, RoleSpec>>): Map<string, ReadonlySet<Permission>> {
  const out = new Map<string, ReadonlySet<Permission>>();
  const resolve = (name: string, trail: readonly string[]): ReadonlySet<Permission> => {
    const done = out.get(name);
    if (done) return done;
    const spec = roles[name];
    if (!spec) throw new Error(`role ${trail.at(-1) ?? name} inherits unknown role ${name}`);
    if (trail.includes(name)) throw new Error(`roles inherit in a cycle: ${[...trail, name].join(' -> ')}`);
    const set = new Set<Permission>(spec.permissions);
    if (spec.inherits) for (const p of resolve(spec.inherits, [...trail, name])) set.add(p);
    out.set(name, set);
    return set;
  };
  for (const name of Object.keys(roles)) resolve(name, []);
  return out;
}

/** A user's customers: a list, or every customer (`all`). */
export type CustomerScope = readonly string[] | 'all';

export function inScope(scope: CustomerScope, customer: string): boolean {
  return scope === 'all' || scope.includes(customer);
}
