import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocdeckClient } from '../../../../src/client/ws-client.js';
import { startTestDaemon, type TestDaemon } from '../../../support/daemon.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(() => d.stop());

async function attach(token: string, announced: string): Promise<SocdeckClient> {
  const c = new SocdeckClient({ url: d.url, token, client: 'test', actor: announced, reconnect: false });
  await c.connect();
  return c;
}

const RECORD = {
  timestamp: '2026-11-03T08:00:00.000+0000',
  event_type: 'alert',
  src_ip: '10.1.2.3',
  dest_ip: '127.0.0.1',
  proto: 'TCP',
  alert: { signature_id: 2024468, signature: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection', category: 'x', severity: 1 },
};

/** Every file under dir, as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'latin1'))
    .join('\n');
}

describe('identity comes from the token', () => {
  it("forgery: bob's token announcing alice acts as bob in the audit log and the alert's history", async () => {
    await d.tokenFor('alice', 'analyst');
    const bobToken = await d.tokenFor('bob', 'analyst');
    const admin = await d.connect('loader');
    const { alertIds } = await admin.request('alerts.ingest', { source: 'fixture', records: [RECORD] });
    const id = alertIds[0]!;
    const forger = await attach(bobToken, 'alice');
    try {
      expect(await forger.request('auth.whoami')).toMatchObject({ name: 'bob', role: 'analyst', customers: 'all' });
      const alert = await forger.request('alerts.get', { id });
      await forger.request('alerts.ack', { targets: [{ id, rev: alert.rev }] });
      const after = await forger.request('alerts.get', { id });
      expect(after.lastChange).toMatchObject({ actor: 'bob', action: 'ack' });
      const audit = await admin.request('audit.list', { alertId: id });
      expect(audit.entries.map((e) => e.actor)).toEqual(['bob']);
      expect(JSON.stringify(audit)).not.toContain('alice');
    } finally {
      forger.close();
    }
  });

  it('stores tokens only as salted hashes: no token appears in the data dir', async () => {
    const token = await d.tokenFor('carol', 'viewer');
    await d.daemon.store.checkpoint();
    const text = allText(join(d.dataDir, 'journal')) + readFileSync(join(d.dataDir, 'checkpoint.json'), 'utf8');
    expect(text).toContain('"carol"');
    expect(text).not.toContain(token);
    // The secret is base64url, which may itself hold `_`: take everything after `sdk_<id>_`.
    const secret = token.slice('sdk_'.length + 13);
    expect(secret).toHaveLength(43);
    expect(text).not.toContain(secret);
  });

  it('users add / rotate / revoke are admin only and audited; a rotated or revoked token stops working at once', async () => {
    const viewer = await attach(await d.tokenFor('carol', 'viewer'), 'carol');
    await expect(viewer.request('users.add', { name: 'mallory', role: 'admin', customers: 'all' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('users.admin') });
    viewer.close();
    const admin = await d.connect('loader');
    const refusals = await admin.request('audit.list', { actor: 'carol', action: 'forbidden' });
    expect(refusals.entries[0]).toMatchObject({ target: { kind: 'method', id: 'users.add' }, after: { permission: 'users.admin', role: 'viewer' } });

    const added = await admin.request('users.add', { name: 'dave', role: 'lead', customers: ['acme'] });
    expect(added.user).toMatchObject({ name: 'dave', role: 'lead', customers: ['acme'], createdBy: 'loader' });
    const dave = await attach(added.token, 'dave');
    const closed = new Promise<void>((resolve) => dave.once('state', (s: string) => s === 'closed' && resolve()));
    const rotated = await admin.request('users.rotate', { name: 'dave' });
    await closed;
    await expect(attach(added.token, 'dave')).rejects.toMatchObject({ code: 'unauthorized' });
    (await attach(rotated.token, 'dave')).close();
    await admin.request('users.revoke', { name: 'dave' });
    await expect(attach(rotated.token, 'dave')).rejects.toMatchObject({ code: 'unauthorized' });
    const list = await admin.request('users.list');
    expect(list.users.find((u) => u.name === 'dave')).toMatchObject({ revokedAt: expect.any(String) });
    expect(JSON.stringify(list)).not.toMatch(/hash|salt|sdk_/);
    const actions = (await admin.request('audit.list', { actor: 'loader' })).entries.filter((e) => e.target.kind === 'user').map((e) => e.action);
    expect(actions).toEqual(['user.revoke', 'user.rotate', 'user.add']);
  });

  it('refuses an unknown role and a second live user of one name', async () => {
    const admin = await d.connect('loader');
    await expect(admin.request('users.add', { name: 'erin', role: 'wizard', customers: 'all' })).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining('unknown role wizard'),
    });
    await expect(admin.request('users.add', { name: 'carol', role: 'viewer', customers: 'all' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
