import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocdeckClient } from '../../src/client/ws-client.js';
import { followQueue, type QueueFeed } from '../../src/tui/queue-feed.js';
import { requireBuild, runCli } from '../support/child-daemon.js';
import { startTestDaemon, type TestDaemon } from '../support/daemon.js';
import { KEY, newStore, renderApp } from '../unit/tui/render-app.js';

/**
 * Attack 1 of issue 25: alert fields carry terminal escapes (OSC 52 clipboard write, screen
 * clear, OSC 8 hyperlink, SGR, one-byte C1 CSI, bidi override). Before the display sanitiser
 * every one of them reached the analyst's terminal raw through the TUI and the CLI.
 */
const TITLE = 'Brute force \x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J done';
const HOST = 'web-01\x1b]8;;https://evil.example/\x1b\\x\x1b]8;;\x1b\\';
const USER = 'root\u009b2J\u202eexe.txt';
const NOTE = '\x1b[31;1mFAKE ROW\x1b[0m';

/** A control left in the output once Ink's own colour codes (ESC [ digits m) are set aside. */
function rawControl(out: string): string | undefined {
  const stripped = out.replace(/\x1b\[[0-9;]*m/g, '');
  return stripped.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u)?.[0];
}

let td: TestDaemon;
let alertId: string;
const cli = (...args: string[]) => runCli([...args, '--data-dir', td.dataDir], { timeoutMs: 20_000 });

beforeAll(async () => {
  requireBuild();
  td = await startTestDaemon();
  const c = await td.connect('attacker-sensor');
  const res = await c.request('alerts.ingest', {
    source: 'sensor',
    records: [{ time: '2026-03-03T03:03:03Z', priority: 'Critical', rule: 'Brute force', output: TITLE, hostname: HOST, output_fields: { 'user.name': USER } }],
  });
  expect(res.accepted).toBe(1);
  alertId = res.alertIds[0]!;
  const a = await c.request('alerts.get', { id: alertId });
  await c.request('alerts.note', { targets: [{ id: alertId, rev: a.rev }], text: NOTE });
});

afterAll(async () => {
  await td.stop();
});

describe('terminal escape injection through alert fields', () => {
  it('the TUI queue and detail pane show the escapes as visible text, never raw', async () => {
    const client = new SocdeckClient({ url: td.url, token: td.daemon.token, client: 'socdeck-tui', actor: 'alice', displaySafe: true });
    await client.connect();
    const store = newStore('alice');
    let queue: QueueFeed | undefined;
    try {
      queue = followQueue(store, client);
      const app = renderApp(store, client);
      await queue.resync();
      await app.waitFor((f) => f.includes('Brute force'), 'the hostile alert in the queue');
      expect(rawControl(app.frame())).toBeUndefined();
      expect(app.frame()).toContain('\\x1b]52;c');
      await app.press(KEY.enter);
      await app.waitFor((f) => f.includes('FAKE ROW'), 'the detail pane with the note');
      expect(rawControl(app.frame())).toBeUndefined();
      expect(app.frame()).toContain('\\x1b[31;1mFAKE ROW');
    } finally {
      cleanup();
      queue?.stop();
      client.close();
    }
  });

  it('CLI listings show visible escapes while --json stays exact', async () => {
    const list = await cli('alerts', 'list');
    expect(list.code).toBe(0);
    expect(rawControl(list.stdout)).toBeUndefined();
    expect(list.stdout).toContain('\\x1b]52');
    const json = JSON.parse((await cli('alerts', 'list', '--json')).stdout) as { alerts: { title: string; host: string; user: string }[] };
    expect(json.alerts[0]).toMatchObject({ title: TITLE, host: HOST, user: USER });

    const esc = await cli('alerts', 'escalate', alertId, '--title', `INC ${TITLE}`);
    expect(esc.code).toBe(0);
    const incidentId = /incident (INC-\S+)/.exec(esc.stdout)![1]!;
    for (const args of [
      ['incident', 'list'],
      ['incident', 'show', incidentId],
      ['incident', 'report', incidentId],
    ]) {
      const r = await cli(...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Brute force');
      expect(rawControl(r.stdout), args.join(' ')).toBeUndefined();
    }

    const add = await cli('suppress', 'add', 'host:nothing-matches', '--reason', NOTE, '--until', '1d');
    expect(add.code).toBe(0);
    const sup = await cli('suppress', 'list');
    expect(sup.stdout).toContain('FAKE ROW');
    expect(rawControl(sup.stdout)).toBeUndefined();
    // Eight CLI processes: on a loaded two-core box each start takes seconds.
  }, 90_000);

  it('Markdown and HTML report files carry no raw control either', async () => {
    const c = await td.connect('alice');
    const { incidents } = await c.request('incidents.list', {});
    for (const format of ['md', 'html'] as const) {
      const built = await c.request('reports.build', { kind: 'incident', id: incidents[0]!.id, format });
      expect(built.content, format).toContain('Brute force');
      expect(rawControl(built.content!), format).toBeUndefined();
    }
  });
});
