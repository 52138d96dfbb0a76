import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocdeckClient } from '../../../src/client/ws-client.js';
import { runCommand } from '../../../src/tui/commands.js';
import { syncIdentity } from '../../../src/tui/identity-sync.js';
import { ViewStore } from '../../../src/tui/view-store.js';
import { headerProps } from '../../../src/tui/components/header.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';

const MAPPING = { name: 'tenant', product: 'tenant-edr', match: { path: 'tenant' }, fields: { ruleId: 'rule', time: 't', severity: 'sev', customer: 'tenant' } };
const rec = (tenant: string, i: number) => ({ tenant, rule: `R${i}`, t: new Date(Date.UTC(2026, 10, 3, 8, 0, i)).toISOString(), sev: 'high' });

let d: TestDaemon;
let client: SocdeckClient;
beforeAll(async () => {
  d = await startTestDaemon({ configOverrides: { ingest: { mappings: [MAPPING] } } });
  const admin = await d.connect('loader');
  await admin.request('alerts.ingest', { source: 'edr', records: [rec('acme', 1), rec('acme', 2), rec('globex', 3), rec('initech', 4)] });
  // The token says bob, whatever the client announces.
  client = new SocdeckClient({ url: d.url, token: await d.tokenFor('bob', 'analyst', ['acme', 'globex']), client: 'socdeck-tui', actor: 'someone-else', reconnect: false });
  await client.connect();
});
afterAll(async () => {
  client.close();
  await d.stop();
});

/** Runs a `:` command and waits for the message it reports when the daemon has answered. */
async function command(store: ViewStore, text: string, resync: () => void = () => {}): Promise<string | undefined> {
  const before = store.getState().message;
  const err = runCommand(text, { store, quit: () => {}, daemon: client, resync });
  if (err) return err;
  for (let i = 0; i < 200 && store.getState().message === before; i++) await new Promise((r) => setTimeout(r, 10));
  return store.getState().message?.text;
}

describe('TUI identity and :customer', () => {
  it('the header shows the token user, role and customers; :customer NAME narrows every read, :customer all widens back', async () => {
    const store = new ViewStore({ actor: 'someone-else' });
    await syncIdentity(store, client);
    expect(headerProps(store.getState())).toMatchObject({ actor: 'bob', scope: 'analyst · acme,globex' });
    expect((await client.request('alerts.list')).total).toBe(3);

    let resynced = 0;
    expect(await command(store, 'customer globex', () => resynced++)).toBe('showing customer globex only');
    expect(resynced).toBe(1);
    expect(store.getState().scope).toBe('analyst · acme,globex → globex');
    expect((await client.request('alerts.list')).alerts.map((a) => a.customer)).toEqual(['globex']);
    expect((await client.request('daemon.status')).alerts.total).toBe(1);
    const sub = await client.request('alerts.subscribe', {});
    expect(sub.alerts.map((a) => a.customer)).toEqual(['globex']);

    expect(await command(store, 'customer initech')).toBe('not found (session.narrow)');
    expect((await client.request('alerts.list')).total).toBe(1);
    expect(await command(store, 'customer all')).toBe('showing all your customers');
    expect((await client.request('alerts.list')).total).toBe(3);
    expect(runCommand('customer', { store, quit: () => {}, daemon: client })).toBe('usage: customer NAME|all');
  });
});
