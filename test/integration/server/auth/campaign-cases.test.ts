import { beforeAll, describe, expect, it } from 'vitest';
import { SocdeckClient } from '../../../../src/client/ws-client.js';
import type { Case } from '../../../../src/shared/case.js';
import type { CustomerScope } from '../../../../src/shared/permissions.js';
import { sharedTestDaemon } from '../../../support/daemon.js';

/** A tenant-tagged EDR record; `src` is the attacker address the campaign rule groups by. */
const MAPPING = {
  name: 'tenant',
  product: 'tenant-edr',
  match: { path: 'tenant' },
  fields: { ruleId: 'rule', time: 't', severity: 'sev', customer: 'tenant', host: 'host', title: 'title', srcIp: 'src' },
};
const d = sharedTestDaemon({ configOverrides: { ingest: { mappings: [MAPPING] } } });
const SRC = '203.0.113.7';
/** One scan of acme, globex and initech from one address within the hour: the shipped campaign-source-ip rule. */
const RECORDS = [
  { tenant: 'acme', rule: 'SCAN', t: '2026-11-03T08:00:00Z', sev: 'medium', host: 'acme-web', title: 'acme port scan', src: SRC },
  { tenant: 'globex', rule: 'SCAN', t: '2026-11-03T08:10:00Z', sev: 'critical', host: 'globex-db', title: 'globex exploit', src: SRC },
  { tenant: 'initech', rule: 'SCAN', t: '2026-11-03T08:20:00Z', sev: 'low', host: 'initech-vpn', title: 'initech probe', src: SRC },
];

let campaign: Case;
let byCustomer: { acme: string; globex: string; initech: string };

async function as(name: string, role: string, scope: CustomerScope): Promise<SocdeckClient> {
  const c = new SocdeckClient({ url: d.url, token: await d.tokenFor(name, role, scope), client: 'campaign', reconnect: false });
  await c.connect();
  return c;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (err: { code: string }) => err.code,
  );
}

beforeAll(async () => {
  const admin = await d.connect('cc-admin');
  const { alertIds } = await admin.request('alerts.ingest', { source: 'edr', records: RECORDS });
  byCustomer = { acme: alertIds[0]!, globex: alertIds[1]!, initech: alertIds[2]! };
  for (let i = 0; i < 100 && !campaign; i++) {
    campaign = (await admin.request('cases.list', { limit: 50 })).cases.find((c) => c.rule === 'campaign-source-ip')!;
    if (!campaign) await new Promise((r) => setTimeout(r, 50));
  }
  expect(campaign).toBeDefined();
});

describe('campaign cases (several customers) under customer scoping', () => {
  it('the stored case lists every customer it spans and every alert', () => {
    expect(campaign.customers).toEqual(['acme', 'globex', 'initech']);
    expect(campaign.customer).toBe('*');
    expect([...campaign.alertIds].sort()).toEqual(Object.values(byCustomer).sort());
    expect(campaign.severity).toBe('critical');
  });

  // Every role that may read cases, against each kind of scope.
  for (const role of ['viewer', 'analyst', 'lead', 'admin']) {
    it(`${role}: all customers see it whole; acme sees only acme's part; acme+globex see theirs; hooli not at all`, async () => {
      const all = await as(`cc-${role}-all`, role, 'all');
      expect((await all.request('cases.get', { id: campaign.id })).alertIds).toHaveLength(3);

      const acme = await as(`cc-${role}-acme`, role, ['acme']);
      const part = await acme.request('cases.get', { id: campaign.id });
      expect(part).toMatchObject({ customers: ['acme'], customer: 'acme', alertIds: [byCustomer.acme], severity: 'medium' });
      expect(JSON.stringify(part)).not.toMatch(/globex|initech/);
      const listed = await acme.request('cases.list', { limit: 50 });
      expect(listed.cases.filter((c) => c.id === campaign.id).map((c) => c.alertIds)).toEqual([[byCustomer.acme]]);
      expect(JSON.stringify(listed)).not.toMatch(/globex|initech/);

      const two = await as(`cc-${role}-two`, role, ['acme', 'globex']);
      const both = await two.request('cases.get', { id: campaign.id });
      expect(both).toMatchObject({ customers: ['acme', 'globex'], customer: '*', severity: 'critical' });
      expect([...both.alertIds].sort()).toEqual([byCustomer.acme, byCustomer.globex].sort());
      expect(JSON.stringify(both)).not.toContain('initech');

      const none = await as(`cc-${role}-hooli`, role, ['hooli']);
      expect(await codeOf(none.request('cases.get', { id: campaign.id }))).toBe('not_found');
      expect((await none.request('cases.list', { limit: 50 })).cases).toEqual([]);
      for (const c of [all, acme, two, none]) c.close();
    });
  }

  it('only a user of every customer it spans may change it; others are refused and nothing changes', async () => {
    const acme = await as('cc-lead-acme-w', 'lead', ['acme']);
    const incident = (await acme.request('incidents.create', { type: 'malicious-scanning', title: 'acme scan', customer: 'acme' })).incident.id;
    expect(await codeOf(acme.request('cases.link', { id: campaign.id, incident }))).toBe('forbidden');
    expect(await codeOf(acme.request('cases.split', { id: campaign.id, alertIds: [byCustomer.acme] }))).toBe('forbidden');
    const hooli = await as('cc-lead-hooli-w', 'lead', ['hooli']);
    expect(await codeOf(hooli.request('cases.split', { id: campaign.id, alertIds: [byCustomer.acme] }))).toBe('not_found');
    const admin = await d.connect('cc-admin-2');
    const after = await admin.request('cases.get', { id: campaign.id });
    expect(after.rev).toBe(campaign.rev);
    expect(after.state).toBe(campaign.state);
    const all = await as('cc-lead-all-w', 'lead', 'all');
    expect((await all.request('cases.link', { id: campaign.id, incident })).state).toBe('escalated');
    for (const c of [acme, hooli, all]) c.close();
  });
});
