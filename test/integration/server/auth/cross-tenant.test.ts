import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SocdeckClient } from '../../../../src/client/ws-client.js';
import { PROTOCOL_VERSION, type MethodName } from '../../../../src/shared/protocol.js';
import { startTestDaemon, type TestDaemon } from '../../../support/daemon.js';

/** Records of a product that names its tenant, mapped by config like a real export would be. */
const MAPPING = { name: 'tenant', product: 'tenant-edr', match: { path: 'tenant' }, fields: { ruleId: 'rule', time: 't', severity: 'sev', customer: 'tenant', host: 'host', title: 'title' } };

function record(tenant: 'acme' | 'globex', i: number) {
  return {
    tenant,
    rule: `R-${tenant}-${i % 3}`,
    t: new Date(Date.UTC(2026, 10, 3, 8, 0, i)).toISOString(),
    sev: i % 2 ? 'high' : 'low',
    host: `${tenant}-host-${i}`,
    title: `${tenant.toUpperCase()}-MARKER event ${i}`,
  };
}

let d: TestDaemon;
let admin: SocdeckClient;
beforeAll(async () => {
  d = await startTestDaemon({ configOverrides: { ingest: { mappings: [MAPPING] } } });
  admin = await d.connect('lead-admin');
});
afterAll(() => d.stop());

/** A raw socket that keeps every frame's text exactly as it came off the wire. */
async function rawViewer(token: string) {
  const ws = new WebSocket(d.url, { headers: { authorization: `Bearer ${token}` } });
  const frames: string[] = [];
  const waiting = new Map<number, (f: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    const f = JSON.parse(text) as { id?: number };
    if (typeof f.id === 'number') waiting.get(f.id)?.(f);
  });
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 1;
  const call = (method: MethodName, params?: unknown) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  return { ws, frames, call };
}

describe('customer scoping', () => {
  it("a viewer of acme attached for the whole run never receives a byte of globex's data (raw frames)", async () => {
    const v = await rawViewer(await d.tokenFor('acme-viewer', 'viewer', ['acme']));
    expect(await v.call('hello', { protocolVersion: PROTOCOL_VERSION, client: 'raw', actor: 'acme-viewer' })).toMatchObject({ type: 'res' });
    const snap = await v.call('alerts.subscribe', {});
    expect(snap).toMatchObject({ type: 'res', result: { alerts: [], total: 0 } });

    const globexIds: string[] = [];
    const acmeIds: string[] = [];
    for (let round = 0; round < 10; round++) {
      const g = await admin.request('alerts.ingest', { source: 'edr', records: [record('globex', round), record('globex', round + 100)] });
      // A globex record that fails to parse lands in quarantine with its raw bytes.
      if (round === 0) await admin.request('alerts.ingest', { source: 'edr', records: [{ tenant: 'globex', rule: 'R', t: 'not a time', sev: 'high' }] });
      const a = await admin.request('alerts.ingest', { source: 'edr', records: [record('acme', round)] });
      globexIds.push(...g.alertIds);
      acmeIds.push(...a.alertIds);
    }
    // Globex activity the viewer could stumble on: triage, an incident, its audit entries.
    const g0 = await admin.request('alerts.get', { id: globexIds[0]! });
    await admin.request('alerts.ack', { targets: [{ id: g0.id, rev: g0.rev }] });
    const inc = await admin.request('incidents.create', { title: 'GLOBEX-MARKER breach', customer: 'globex', fromAlerts: [globexIds[1]!] });
    const a0 = await admin.request('alerts.get', { id: acmeIds[0]! });
    await admin.request('alerts.ack', { targets: [{ id: a0.id, rev: a0.rev }] });

    // Every read path the viewer has, including asking for globex by name and by id.
    const answers = {
      list: await v.call('alerts.list', { limit: 1000 }),
      status: await v.call('daemon.status'),
      audit: await v.call('audit.list', { limit: 1000 }),
      incidents: await v.call('incidents.list'),
      sla: await v.call('sla.list'),
      leaks: await v.call('leaks.list'),
      findings: await v.call('findings.list'),
      advisories: await v.call('advisories.list'),
      reports: await v.call('reports.list'),
      byCustomer: await v.call('alerts.list', { customer: 'globex' }),
      byId: await v.call('alerts.get', { id: globexIds[2]! }),
      incident: await v.call('incidents.get', { id: inc.incident.id }),
      breaches: await v.call('sla.breaches'),
      quarantine: await v.call('quarantine.list'),
      outbox: await v.call('notify.outbox'),
    };
    await v.call('alerts.subscribe', { filter: 'sev>=low' });
    // Deltas reach the viewer within a flush; one more acme alert proves the stream is live to the end.
    const last = await admin.request('alerts.ingest', { source: 'edr', records: [record('acme', 99)] });
    for (let i = 0; i < 100 && !v.frames.some((f) => f.includes(last.alertIds[0]!) && f.includes('alerts.changed')); i++) await new Promise((r) => setTimeout(r, 20));
    v.ws.close();

    const wire = v.frames.join('\n');
    expect(wire).toContain('ACME-MARKER');
    for (const id of acmeIds) expect(wire).toContain(id);
    expect(wire).toContain(last.alertIds[0]!);
    expect(wire.toLowerCase()).not.toContain('globex');
    // The viewer typed these two ids itself; no others of globex's may come back.
    const unasked = globexIds.filter((id) => id !== globexIds[2]);
    for (const id of unasked) expect(wire).not.toMatch(new RegExp(`"${id}"`));
    expect(wire).not.toContain(inc.incident.id.replace(/"/g, '') + '",');
    expect(answers.list).toMatchObject({ result: { total: 10 } });
    expect(answers.status).toMatchObject({ result: { alerts: { total: 10 }, sources: [] } });
    expect(answers.byCustomer).toMatchObject({ error: { code: 'not_found' } });
    expect(answers.byId).toMatchObject({ error: { code: 'not_found', message: 'not found (alerts.get)' } });
    expect(answers.incident).toMatchObject({ error: { code: 'not_found', message: 'not found (incidents.get)' } });
    expect(answers.quarantine).toMatchObject({ result: { entries: [], total: 0 } });
    const missing = await admin.request('alerts.get', { id: 'a-none' }).catch((e: { code: string }) => e.code);
    expect(missing).toBe('not_found');
    const audit = (answers.audit as { result: { entries: { target: { id: string } }[] } }).result.entries;
    expect(audit.map((e) => e.target.id)).toEqual([a0.id]);
  });

  it('a user of acme cannot act on a globex record or create one for globex, and it reads as missing', async () => {
    const token = await d.tokenFor('acme-analyst', 'analyst', ['acme']);
    const v = await rawViewer(token);
    await v.call('hello', { protocolVersion: PROTOCOL_VERSION, client: 'raw', actor: 'acme-analyst' });
    const globex = (await admin.request('alerts.list', { customer: 'globex', limit: 1 })).alerts[0]!;
    expect(await v.call('alerts.ack', { targets: [{ id: globex.id, rev: globex.rev }] })).toMatchObject({ error: { code: 'not_found' } });
    expect((await admin.request('alerts.get', { id: globex.id })).rev).toBe(globex.rev);
    expect(await v.call('incidents.create', { type: 'ransomware', title: 'x', customer: 'globex' })).toMatchObject({ error: { code: 'not_found' } });
    // One customer: it is filled in, so what the analyst makes is theirs.
    const made = (await v.call('incidents.create', { type: 'ransomware', title: 'acme thing' })) as { result: { incident: { customer: string } } };
    expect(made.result.incident.customer).toBe('acme');
    v.ws.close();
  });

  it("a user of two customers gets a list's total of theirs only, even when the page is cut at its limit", async () => {
    const c = new SocdeckClient({ url: d.url, token: await d.tokenFor('two-viewer', 'viewer', ['acme', 'initech']), client: 'test', actor: 'two-viewer', reconnect: false });
    await c.connect();
    await admin.request('alerts.ingest', { source: 'edr', records: [{ ...record('acme', 200), tenant: 'initech' }] });
    const own = (await admin.request('alerts.list', { customer: 'acme', limit: 1 })).total + (await admin.request('alerts.list', { customer: 'initech', limit: 1 })).total;
    const all = (await admin.request('alerts.list', { limit: 1 })).total;
    expect(all).toBeGreaterThan(own);
    const page = await c.request('alerts.list', { limit: 3 });
    expect(page.total).toBe(own);
    expect(page.alerts.every((a) => a.customer === 'acme' || a.customer === 'initech')).toBe(true);
    expect((await c.request('alerts.list', { limit: 3, customer: 'initech' })).total).toBe(1);
    c.close();
  });

  it('/metrics needs a token and shows a scoped user only their customers', async () => {
    const base = `http://127.0.0.1:${d.daemon.info.port}/metrics`;
    expect((await fetch(base)).status).toBe(401);
    const scoped = await (await fetch(base, { headers: { authorization: `Bearer ${await d.tokenFor('acme-viewer', 'viewer', ['acme'])}` } })).text();
    expect(scoped).toMatch(/^socdeck_customer_alerts_stored\{customer="acme"\} 11$/m);
    expect(scoped).not.toContain('globex');
    expect(scoped).not.toContain('socdeck_clients');
    const all = await (await fetch(base, { headers: { authorization: `Bearer ${d.daemon.token}` } })).text();
    expect(all).toMatch(/^socdeck_customer_alerts_stored\{customer="globex"\} 20$/m);
  });
});
