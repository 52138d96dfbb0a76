import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { SocdeckClient } from '../../../../src/client/ws-client.js';
import { ADVISORIES, CASES, FINDINGS, INTEL_ASSETS, LEAKS, SCANS } from '../../../../src/daemon/collections.js';
import { BUILTIN_ROLES, HTTP_PERMISSIONS, METHOD_PERMISSIONS, resolveRoles, type Permission } from '../../../../src/shared/permissions.js';
import { Methods, type MethodName } from '../../../../src/shared/protocol.js';
import { sharedTestDaemon } from '../../../support/daemon.js';
import { CUSTOMER_FIXTURES, HTTP_FIXTURES, type Seeds, type Side } from './customer-fixtures.js';

const MAPPING = { name: 'tenant', product: 'tenant-edr', match: { path: 'tenant' }, fields: { ruleId: 'rule', time: 't', severity: 'sev', customer: 'tenant', host: 'host', title: 'title' } };
const CONFIG_ROLES = { triager: { inherits: 'viewer', permissions: ['alerts.triage'] as Permission[] } };
const d = sharedTestDaemon({ configOverrides: { auth: { roles: CONFIG_ROLES, pathRoots: [tmpdir()] }, ingest: { mappings: [MAPPING] } } });
const ROLES = resolveRoles({ ...BUILTIN_ROLES, ...CONFIG_ROLES });
const METHODS = Object.keys(Methods) as MethodName[];
const SIDES = ['acme', 'globex'] as const;

/**
 * Kinds no RPC makes cheaply here: a bare owned record (what the scope check reads) is stored
 * just for the call that names it, so lists and the services around it see only real records.
 */
const STUBBED = { leak: LEAKS, finding: FINDINGS, scan: SCANS, advisory: ADVISORIES, case: CASES, asset: INTEL_ASSETS } as const;

let seeds: Seeds;
/** The store's copy of every globex record, to show no acme user changed one. */
let globexBefore: string;

/** Stores the stubs a call names for its duration. */
async function withStubs<T>(_method: MethodName, params: unknown, run: () => Promise<T>): Promise<T> {
  const text = JSON.stringify(params ?? null);
  const named = Object.entries(STUBBED).flatMap(([kind, coll]) => SIDES.filter((side) => text.includes(`"${kind}-${side}"`)).map((side) => ({ coll, id: `${kind}-${side}`, side })));
  if (named.length === 0) return run();
  await d.daemon.store.commit(named.map(({ coll, id, side }) => ({ op: 'put' as const, coll, id, value: { id, customer: side, rev: 1, ...(coll === CASES ? { customers: [side] } : {}) } })));
  try {
    return await run();
  } finally {
    await d.daemon.store.commit(named.filter(({ coll, id }) => d.daemon.store.get(coll, id) !== undefined).map(({ coll, id }) => ({ op: 'del' as const, coll, id })));
  }
}

function globexRecords(): string {
  const colls = ['alerts', 'incidents', ...Object.values(STUBBED)];
  return JSON.stringify(colls.map((c) => d.daemon.store.values<{ customer?: string }>(c).filter((r) => r.customer === 'globex')));
}

beforeAll(async () => {
  const admin = await d.connect('cm-seeder');
  const alert = {} as Record<Side, string>;
  const incident = {} as Record<Side, string>;
  for (const side of SIDES) {
    const rec = { tenant: side, rule: `R-${side}`, t: '2026-11-03T08:00:00Z', sev: 'high', host: `${side}-host`, title: `${side} event` };
    alert[side] = (await admin.request('alerts.ingest', { source: 'edr', records: [rec] })).alertIds[0]!;
    incident[side] = (await admin.request('incidents.create', { type: 'ransomware', title: `${side} incident`, customer: side })).incident.id;
  }
  const stubs = Object.fromEntries(Object.keys(STUBBED).map((k) => [k, { acme: `${k}-acme`, globex: `${k}-globex` }])) as Record<keyof typeof STUBBED, Record<Side, string>>;
  seeds = { alert, incident, ...stubs };
  globexBefore = globexRecords();
});

async function clientAs(role: string): Promise<SocdeckClient> {
  const c = new SocdeckClient({ url: d.url, token: await d.tokenFor(`cm-${role}`, role, ['acme']), client: 'matrix', reconnect: false });
  await c.connect();
  return c;
}

interface Outcome {
  code: string;
  permission?: unknown;
  body: string;
}

async function call(c: SocdeckClient, method: MethodName, params: unknown): Promise<Outcome> {
  try {
    return { code: 'ok', body: JSON.stringify(await c.request(method, params as never)) };
  } catch (err) {
    const e = err as { code: string; message: string; details?: { permission?: unknown } };
    return { code: e.code, permission: e.details?.permission, body: JSON.stringify([e.message, e.details]) };
  }
}

/** What the table and the scoping rules say a role scoped to acme gets, as one comparable word. */
function expected(method: MethodName, perms: ReadonlySet<Permission>, side: Side): string {
  if (!perms.has(METHOD_PERMISSIONS[method])) return `forbidden:${METHOD_PERMISSIONS[method]}`;
  const f = CUSTOMER_FIXTURES[method];
  if (side === 'globex' && (f.kind === 'record' || f.kind === 'customer')) return 'not_found';
  if (f.kind === 'record' || f.kind === 'customer') return f.own?.code ?? (f.read ? 'ok' : 'passed-scope');
  return 'no-globex';
}

/** The same word for what came back; a scope-passing answer must still carry nothing of globex. */
function observed(_method: MethodName, o: Outcome, want: string): string {
  if (o.code === 'forbidden') return `forbidden:${String(o.permission)}`;
  if (o.code === 'not_found') return 'not_found';
  if (/globex/i.test(o.body)) return `leaked:${o.body.slice(0, 200)}`;
  if (o.code === 'internal' || want === 'ok') return o.code;
  if (want === 'no-globex') return 'no-globex';
  return 'passed-scope';
}

describe('the role x customer matrix', () => {
  it('has a customer fixture for every protocol method and nothing else', () => {
    expect(Object.keys(CUSTOMER_FIXTURES).sort()).toEqual([...METHODS].sort());
  });

  for (const [role, perms] of ROLES) {
    it(`role ${role} scoped to acme: every method on an acme and a globex record or customer answers as the table and the scoping rules say`, async () => {
      const c = await clientAs(role);
      try {
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const m of METHODS) {
          const f = CUSTOMER_FIXTURES[m];
          for (const side of SIDES) {
            // A method with no customer dimension is called once, with params no method accepts.
            if (f.kind === 'unscoped' && side === 'globex') continue;
            const params = f.kind === 'unscoped' ? 'matrix-probe' : f.kind === 'stripped' ? f.params : f.params(seeds, side);
            const key = `${m} ${side}`;
            want[key] = expected(m, perms, side);
            got[key] = observed(m, await withStubs(m, params, () => call(c, m, params)), want[key]);
          }
        }
        expect(got).toEqual(want);
      } finally {
        c.close();
      }
    });
  }

  it('has a fixture for every HTTP route and nothing else', () => {
    expect(Object.keys(HTTP_FIXTURES).sort()).toEqual(Object.keys(HTTP_PERMISSIONS).sort());
  });

  for (const [role, perms] of ROLES) {
    it(`role ${role} scoped to acme: every HTTP route shows acme and never globex, or answers 403, as the table says`, async () => {
      const token = await d.tokenFor(`cm-${role}`, role, ['acme']);
      const all = await d.tokenFor('cm-seeder');
      for (const [key, f] of Object.entries(HTTP_FIXTURES)) {
        const [method] = key.split(' ') as [string];
        const ask = async (t: string) => {
          const res = await fetch(`http://127.0.0.1:${d.daemon.info.port}${f.path}`, { method, headers: { authorization: `Bearer ${t}` } });
          return { status: res.status, body: await res.text() };
        };
        // The route does show globex to a user of every customer, so its absence below means something.
        expect((await ask(all)).body, key).toContain(f.shows('globex'));
        const got = await ask(token);
        if (!perms.has(HTTP_PERMISSIONS[key as keyof typeof HTTP_PERMISSIONS])) {
          expect(got.status, `${role} ${key}`).toBe(403);
          continue;
        }
        expect(got.status, `${role} ${key}`).toBe(200);
        expect(got.body, `${role} ${key}`).toContain(f.shows('acme'));
        expect(got.body.toLowerCase(), `${role} ${key}`).not.toContain('globex');
      }
    });
  }

  it('no acme user changed a globex record', () => {
    expect(globexRecords()).toBe(globexBefore);
  });
});
