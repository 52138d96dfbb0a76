import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTP_PERMISSIONS } from '../../../../src/shared/permissions.js';
import type { MethodName } from '../../../../src/shared/protocol.js';

export type Side = 'acme' | 'globex';

/** One record of each kind per customer, by kind: what the fixtures name. */
export type Seeds = Record<'alert' | 'incident' | 'case' | 'leak' | 'finding' | 'scan' | 'advisory' | 'asset', Record<Side, string>>;

/** A revision no record has: an allowed change on it ends in `conflict` and changes nothing. */
export const STALE = 1_000_000;

/**
 * How each method meets the customer dimension:
 * - `record`: the params name a record of one customer; another customer's reads as `not_found`.
 * - `customer`: the params name a customer; another one reads as `not_found`.
 * - `stripped`: the params name nothing; the answer carries the caller's customers only.
 * - `unscoped`: the method holds no customer's data (`why` says what it holds instead).
 * `params` gives what to send for one side; `read` marks calls that must answer `ok` on the own side,
 * `own` a call whose service answers a bare stub record (see the test) with that code.
 * Writes send a stale revision or one malformed field after the named record, so they stop
 * after the scope check without changing anything.
 */
export type Fixture = Scoped | { kind: 'stripped'; params?: unknown } | { kind: 'unscoped'; why: string };
interface Scoped {
  kind: 'record' | 'customer';
  params: (s: Seeds, side: Side) => unknown;
  read?: true;
  own?: { code: string; why: string };
}

const targets = (s: Seeds, side: Side) => [{ id: s.alert[side], rev: STALE }];
const alertAction = (extra: Record<string, unknown> = {}): Fixture => ({ kind: 'record', params: (s, side) => ({ targets: targets(s, side), ...extra }) });
const byId = (kind: keyof Seeds, extra: Record<string, unknown> = {}, read?: true): Scoped => ({ kind: 'record', params: (s, side) => ({ id: s[kind][side], ...extra }), ...(read ? { read } : {}) });
const byCustomer = (extra: Record<string, unknown> = {}): Fixture => ({ kind: 'customer', params: (_, side) => ({ customer: side, ...extra }), read: true });
const shared = (why: string): Fixture => ({ kind: 'unscoped', why });
const MALFORMED = 42;

export const CUSTOMER_FIXTURES: Record<MethodName, Fixture> = {
  hello: shared('the handshake'),
  'auth.whoami': shared("the caller's own identity"),
  'session.narrow': { kind: 'customer', params: (_, side) => ({ customer: side }), read: true },
  'daemon.status': { kind: 'stripped' },
  'alerts.list': byCustomer({ limit: 1000 }),
  'alerts.get': byId('alert', {}, true),
  'alerts.subscribe': byCustomer(),
  'alerts.unsubscribe': shared("the connection's own subscriptions"),
  'alerts.ingest': shared("a source's records, whose customer the source mapping decides"),
  'alerts.ack': alertAction(),
  'alerts.take': alertAction(),
  'alerts.assign': alertAction({ to: 'someone' }),
  'alerts.start': alertAction(),
  'alerts.resolve': alertAction(),
  'alerts.close': alertAction({ disposition: 'true_positive' }),
  'alerts.reopen': alertAction(),
  'alerts.snooze': alertAction({ until: '2099-01-01T00:00:00Z' }),
  'alerts.note': alertAction({ text: 'note' }),
  'alerts.escalate': alertAction(),
  // Own alerts, the side's incident: linking into another customer's incident is refused as well.
  'alerts.link': { kind: 'record', params: (s, side) => ({ targets: targets(s, 'acme'), incident: s.incident[side] }) },
  'audit.list': { kind: 'stripped', params: { limit: 10_000 } },
  'suppressions.add': shared('suppression filters (global rules)'),
  'suppressions.list': { kind: 'stripped' },
  'suppressions.remove': shared('suppression filters (global rules)'),
  'filters.list': { kind: 'stripped' },
  'filters.save': shared("the caller's saved filters"),
  'quarantine.list': { kind: 'stripped' },
  'quarantine.raw': shared('quarantined raw records name no customer: a user of some customers gets not_found'),
  'quarantine.reingest': shared('quarantined raw records, which name no customer until parsed'),
  'scan.run': shared('targets checked against the configured scan scope'),
  'scan.list': { kind: 'stripped' },
  'scan.get': byId('scan', {}),
  'scan.cancel': { ...byId('scan'), own: { code: 'not_found', why: 'only a running scan can be cancelled' } },
  'scan.import': shared('scanner output, whose findings the asset inventory attributes'),
  'findings.list': byCustomer(),
  'finding.get': byId('finding'),
  'finding.accept': byId('finding', { reason: 'r', until: MALFORMED }),
  'finding.verify': byId('finding'),
  'finding.plan': byId('finding', { lang: MALFORMED }),
  'sla.list': byCustomer(),
  'sla.get': { kind: 'record', params: (s, side) => ({ kind: 'alert', id: s.alert[side] }) },
  'sla.breaches': byCustomer(),
  'notify.outbox': { kind: 'stripped' },
  'notify.test': shared('a channel test message with no record in it'),
  'leaks.list': byCustomer(),
  'leaks.get': byId('leak'),
  'leaks.scan': { kind: 'customer', params: (_, side) => ({ paths: [join(tmpdir(), 'socdeck-matrix-probe')], git: MALFORMED, customer: side }) },
  'leaks.setState': byId('leak', { state: MALFORMED }),
  'leaks.report': { ...byId('leak'), own: { code: 'internal', why: 'a bare stub has no findings to report on' } },
  'cloud.accounts': { kind: 'stripped' },
  'cloud.sync': shared('a cloud account sync (admin)'),
  'playbooks.list': shared('the playbook library, shared by every customer'),
  'playbooks.get': shared('the playbook library, shared by every customer'),
  'playbooks.log': shared('the playbook library, shared by every customer'),
  'playbooks.diff': shared('the playbook library, shared by every customer'),
  'playbooks.reload': shared('the playbook library, shared by every customer'),
  'incidents.list': byCustomer(),
  'incidents.get': byId('incident', {}, true),
  'incidents.create': { kind: 'customer', params: (_, side) => ({ title: MALFORMED, customer: side }) },
  'incidents.update': byId('incident', { rev: STALE }),
  'incidents.transition': byId('incident', { status: MALFORMED }),
  'incidents.note': byId('incident', { text: MALFORMED }),
  'incidents.grade': byId('incident', { grade: MALFORMED }),
  'incidents.reported': byId('incident', { rev: -1 }),
  'incidents.check': byId('incident', { step: MALFORMED, done: true }),
  'incidents.repin': byId('incident', { rev: MALFORMED }),
  'incidents.link': byId('incident', { alerts: MALFORMED }),
  'incidents.observe': byId('incident', { kind: MALFORMED, value: 'x' }),
  'incidents.report': byId('incident', {}, true),
  'cases.list': byCustomer(),
  'cases.get': byId('case'),
  'cases.merge': { kind: 'record', params: (s, side) => ({ ids: [s.case.acme, s.case[side]].slice(side === 'acme' ? 1 : 0), extra: MALFORMED }) },
  'cases.split': byId('case', { alertIds: MALFORMED }),
  'cases.link': byId('case', { incident: MALFORMED }),
  'reports.build': { kind: 'record', params: (s, side) => ({ kind: 'incident', id: s.incident[side], format: MALFORMED }) },
  'reports.list': byCustomer(),
  'intel.status': shared('feed health, shared by every customer'),
  'intel.import': shared('vulnerability feeds, shared by every customer'),
  'intel.poll': shared('vulnerability feeds, shared by every customer'),
  'intel.match': shared('a rematch run (admin of feeds)'),
  'inventory.list': byCustomer(),
  'inventory.get': { kind: 'record', params: (s, side) => ({ asset: s.asset[side] }) },
  'inventory.history': { kind: 'record', params: (s, side) => ({ asset: s.asset[side] }) },
  'inventory.collect': { kind: 'record', params: (s, side) => ({ asset: s.asset[side] }), own: { code: 'not_found', why: 'only a configured local collector can be run' } },
  'inventory.import': { kind: 'customer', params: (_, side) => ({ path: MALFORMED, asset: 'x', customer: side }) },
  'advisories.list': byCustomer(),
  'advisories.get': byId('advisory'),
  'advisories.review': byId('advisory', { rev: 'malformed' }),
  'advisories.publish': byId('advisory', { rev: 'malformed' }),
  'advisories.dismiss': byId('advisory', { rev: STALE, reason: MALFORMED }),
  'users.list': shared('users (admin)'),
  'users.add': shared('users (admin)'),
  'users.revoke': shared('users (admin)'),
  'users.rotate': shared('users (admin)'),
  'sources.rotate': shared('source tokens (admin)'),
};

/** Every HTTP route that takes a user's token: the path to ask, and the text each customer's data shows as in the answer. */
export const HTTP_FIXTURES: Record<keyof typeof HTTP_PERMISSIONS, { path: string; shows: (side: Side) => string }> = {
  'GET /metrics': { path: '/metrics', shows: (side) => `customer="${side}"` },
};
