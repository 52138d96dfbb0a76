import { describe, expect, it } from 'vitest';
import { SocdeckClient } from '../../../../src/client/ws-client.js';
import { BUILTIN_ROLES, HTTP_PERMISSIONS, METHOD_PERMISSIONS, resolveRoles, SOURCE_TOKEN_ROUTE, type Permission } from '../../../../src/shared/permissions.js';
import { Methods, type MethodName } from '../../../../src/shared/protocol.js';
import { sharedTestDaemon } from '../../../support/daemon.js';

/** A role from config, to show roles are data: it joins the matrix like the built-in ones. */
const CONFIG_ROLES = { triager: { inherits: 'viewer', permissions: ['alerts.triage'] as Permission[] } };
const d = sharedTestDaemon({ configOverrides: { auth: { roles: CONFIG_ROLES }, ingest: { sources: [{ name: 'hook', kind: 'webhook' }] } } });
const ROLES = resolveRoles({ ...BUILTIN_ROLES, ...CONFIG_ROLES });
const METHODS = Object.keys(Methods) as MethodName[];

async function clientAs(role: string): Promise<SocdeckClient> {
  const c = new SocdeckClient({ url: d.url, token: await d.tokenFor(`m-${role}`, role), client: 'matrix', reconnect: false });
  await c.connect();
  return c;
}

/** The error code a call ends with; params that no method accepts, so an allowed call stops at validation and changes nothing. */
async function outcome(c: SocdeckClient, method: MethodName): Promise<{ code: string; permission?: unknown }> {
  try {
    await c.request(method, 'matrix-probe' as never);
    return { code: 'ok' };
  } catch (err) {
    const e = err as { code: string; details?: { permission?: unknown } };
    return { code: e.code, permission: e.details?.permission };
  }
}

describe('the permission table', () => {
  it('names every protocol method and nothing else', () => {
    expect(Object.keys(METHOD_PERMISSIONS).sort()).toEqual([...METHODS].sort());
  });

  for (const [role, perms] of ROLES) {
    it(`role ${role}: every RPC method is refused with forbidden naming its permission, or passes the gate, exactly as the table says`, async () => {
      const c = await clientAs(role);
      try {
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const m of METHODS) {
          const o = await outcome(c, m);
          got[m] = o.code === 'forbidden' ? `forbidden:${String(o.permission)}` : o.code === 'invalid_params' ? 'allowed' : `unexpected:${o.code}`;
          want[m] = perms.has(METHOD_PERMISSIONS[m]) ? 'allowed' : `forbidden:${METHOD_PERMISSIONS[m]}`;
        }
        expect(got).toEqual(want);
      } finally {
        c.close();
      }
    });

    it(`role ${role}: every HTTP route answers 403 or serves, exactly as the table says`, async () => {
      const token = await d.tokenFor(`m-${role}`, role);
      for (const [key, perm] of Object.entries(HTTP_PERMISSIONS)) {
        const [method, path] = key.split(' ') as [string, string];
        const res = await fetch(`http://127.0.0.1:${d.daemon.info.port}${path}/matrix-probe`.replace('/metrics/matrix-probe', '/metrics'), {
          method,
          headers: { authorization: `Bearer ${token}` },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        const body = await res.text();
        if (perms.has(perm)) expect(res.status, `${role} ${key}`).not.toBe(403);
        else expect([res.status, body], `${role} ${key}`).toEqual([403, expect.stringContaining(perm)]);
      }
      // Webhook ingest takes its source's token only: no role's token opens it.
      const ingest = (t: string) =>
        fetch(`http://127.0.0.1:${d.daemon.info.port}${SOURCE_TOKEN_ROUTE.prefix}hook`, { method: SOURCE_TOKEN_ROUTE.method, headers: { authorization: `Bearer ${t}` }, body: '{}' });
      const sourceToken = await d.sourceToken('hook');
      expect((await ingest(token)).status, `${role} POST /ingest`).toBe(401);
      expect((await ingest(sourceToken)).status, 'the source token').not.toBe(401);
    });
  }

  it('audits every refusal with the permission and the role', async () => {
    const admin = await d.connect('m-auditor');
    const refused = await admin.request('audit.list', { actor: 'm-viewer', action: 'forbidden', limit: 10_000 });
    const expected = METHODS.filter((m) => !ROLES.get('viewer')!.has(METHOD_PERMISSIONS[m])).length;
    expect(refused.total).toBe(expected);
    expect(refused.entries.find((e) => e.target.id === 'users.add')).toMatchObject({ after: { permission: 'users.admin', role: 'viewer' } });
  });
});
