import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlertFeed } from '../../../src/client/alert-feed.js';
import type { SocdeckClient } from '../../../src/client/ws-client.js';
import { ViewStore } from '../../../src/tui/view-store.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { KEY, renderApp, until } from '../../unit/tui/render-app.js';
import { makePlaybookRepo, playbookOverrides, type PlaybookRepo } from '../playbooks/playbook-repo.js';

const SURICATA = {
  timestamp: '2022-07-10T23:50:05.533101+0000',
  flow_id: 1258832998001901,
  event_type: 'alert',
  src_ip: '203.0.113.7',
  src_port: 52812,
  dest_ip: '10.0.0.5',
  dest_port: 80,
  proto: 'TCP',
  alert: { action: 'allowed', gid: 1, signature_id: 2024468, rev: 3, signature: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection', category: 'Attempted User Privilege Gain', severity: 1 },
};

let td: TestDaemon;
let repo: PlaybookRepo;
let feed: AlertFeed | undefined;

// One daemon for the file: starting one is the slow part on a loaded machine.
beforeAll(async () => {
  repo = makePlaybookRepo();
  td = await startTestDaemon({ configOverrides: playbookOverrides(repo.dir) });
});
afterEach(() => {
  cleanup();
  feed?.stop();
  feed = undefined;
});
afterAll(async () => {
  await td.stop();
  repo.cleanup();
});

async function attach(actor: string): Promise<{ store: ViewStore; client: SocdeckClient; app: ReturnType<typeof renderApp> }> {
  const client = await td.connect(actor);
  const store = new ViewStore({ actor, connection: { state: 'connected', detail: '' } }, 0);
  feed = new AlertFeed(client, {}, { snapshot: (a, t) => store.setSnapshot(a, t), delta: (a, t) => store.applyDelta(a, t) });
  await feed.start();
  const app = renderApp(store, client);
  return { store, client, app };
}

describe('incident response from the TUI against a real daemon', () => {
  it('escalating an alert opens an incident with the alert, its observables and the right playbook pinned; space ticks a step', async () => {
    const sensor = await td.connect('sensor');
    const { alertIds } = await sensor.request('alerts.ingest', { source: 'test', records: [SURICATA] });
    const { store, client, app } = await attach('alice');
    await until(() => store.getState().rows.length === 1, 'the alert in the queue', app.frame);

    await app.press('e');
    await app.waitFor((f) => f.includes('escalated 1 alert'), 'the escalation');
    const { incidents } = await client.request('incidents.list');
    expect(incidents).toHaveLength(1);
    const { incident } = await client.request('incidents.get', { id: incidents[0]!.id });
    expect(incident).toMatchObject({ type: 'exploitation', linkedAlerts: alertIds, createdBy: 'alice' });
    expect(incident.playbook).toMatchObject({ id: 'exploitation', commit: repo.git('rev-parse', 'HEAD') });
    expect(incident.observables.map((o) => `${o.kind} ${o.value}`)).toEqual(expect.arrayContaining(['ip 203.0.113.7', 'ip 10.0.0.5']));

    const steps = incident.playbook!.steps.length;
    await app.press(':');
    await app.type('incidents');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes(incident.id) && f.includes(`0/${steps}`), 'the incident row');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes(`CHECKLIST 0/${steps}`) && f.includes(`exploitation @ ${incident.playbook!.commit!.slice(0, 12)}`), 'the incident detail');
    expect(app.frame()).toContain('ip 203.0.113.7');

    // The third step (identify/id-cve): the cursor shows its commands, space ticks it for alice.
    expect(incident.playbook!.steps[2]!.id).toBe('id-cve');
    // One key at a time: under load Ink may read two quick keys as one chunk.
    await app.press('j');
    await app.waitFor((f) => f.includes('› [ ] prepare   prep-logs'), 'the cursor on prep-logs');
    await app.press('j');
    await app.waitFor((f) => f.includes('› [ ] identify  id-cve') && f.includes('dpkg -l | grep -i <component>'), 'the commands of id-cve');
    await app.press(KEY.space);
    await app.waitFor((f) => f.includes('done: id-cve'), 'the tick confirmation');
    await app.waitFor((f) => f.includes(`CHECKLIST 1/${steps}`), 'the refreshed checklist');
    const after = await client.request('incidents.get', { id: incident.id });
    expect(after.incident.checklist).toEqual([expect.objectContaining({ step: 'id-cve', done: true, by: 'alice' })]);

    await app.press('n');
    await app.type('WAF rule pushed');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('note: WAF rule pushed'), 'the note on the timeline');
    // A guard, not a speed assertion: many daemon round trips on a loaded 2-core CI box.
  }, 90_000);

  it(':playbooks lists the folder with commits and shows a playbook git log', async () => {
    const second = repo.editAndCommit('data-leak/credential-leak.md', (t) => t.replace('Keep an inventory of secrets', 'Keep an inventory of secrets (vault paths)'), 'credential-leak: vault paths');
    const reloader = await td.connect('carol');
    // The folder watcher may have picked the edit up first: the entry says what this reload changed.
    const { changed } = await reloader.request('playbooks.reload');
    const { entries } = await reloader.request('audit.list', { action: 'playbooks.reload' });
    expect(entries.map((e) => [e.actor, e.target, e.after])).toEqual([['carol', { kind: 'playbook', id: '*' }, { changed, issues: 0 }]]);
    const { app } = await attach('bob');
    await app.press(':');
    await app.type('playbooks');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes('18 playbooks · 0 lint issues'), 'the playbook list');
    // Rows are in file order: data-leak/credential-leak.md is the first.
    await app.waitFor((f) => f.includes('credential-leak'), 'the first row');
    await app.press(KEY.enter);
    await app.waitFor((f) => f.includes(`${second.slice(0, 12)}`) && f.includes('credential-leak: vault paths'), 'the git log');
  });
});
