import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import { CLI, REPO_ROOT, requireBuild } from '../../support/child-daemon.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';

const SESSION = `socdeck-triage-${process.pid}`;
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'triage', 'suricata_eve_crowdsec_hub_detect.jsonl');
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const keys = (...k: string[]) => tmux('send-keys', '-t', SESSION, ...k);

async function waitFor(pred: (s: string) => boolean, what: string): Promise<string> {
  let last = '';
  for (let i = 0; i < 300; i++) {
    last = screen();
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
}

let td: TestDaemon | undefined;

beforeAll(async () => {
  requireBuild();
  try {
    execFileSync('tmux', ['-V']);
  } catch {
    throw new Error('tmux is not installed: .ci/run installs it (apt-get install -y tmux)');
  }
  // A real daemon in this process; it writes daemon.json, which is how the TUI and the CLI find it.
  td = await startTestDaemon();
  const c = await td.connect('loader');
  const records = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
  const res = await c.request('alerts.ingest', { source: 'fixture', records });
  expect(res.accepted).toBe(4);
  // The TUI attaches to the running daemon through daemon.json in the data dir.
  tmux('new-session', '-d', '-s', SESSION, '-x', '180', '-y', '40', '-c', REPO_ROOT, `./bin/socdeck --data-dir ${td.dataDir}`);
}, 60_000);

afterAll(async () => {
  try {
    tmux('kill-session', '-t', SESSION);
  } catch {
    // already gone after q
  }
  await td?.stop();
});

describe('triage in a real terminal', () => {
  it('filter, mark two rows, close them as false_positive with a reason; the CLI shows both closed with actor and reason', async () => {
    await waitFor((s) => s.includes('● connected') && s.includes('Sipvicious'), 'fixture rows');
    keys('/');
    keys('-l', 'src:2.2.3.4');
    keys('Enter');
    await waitFor((s) => s.includes('/3 shown of 4') && s.includes('/src:2.2.3.4'), 'three Sipvicious rows and the filter in the header');
    keys('Space');
    keys('Space');
    await waitFor((s) => s.includes('2 marked'), 'two marks');
    keys('c');
    await waitFor((s) => s.includes('close as:'), 'the disposition picker');
    keys('f');
    await waitFor((s) => s.includes('close 2 alerts as false_positive, reason:'), 'the reason prompt');
    keys('-l', 'friendly-scanner from our own SIP audit');
    keys('Enter');
    await waitFor((s) => s.includes('closed (false_positive) 2 alerts'), 'the confirmation');
    keys('q');

    // Async: the daemon lives in this process, so a blocking exec would starve it.
    const { stdout: out } = await promisify(execFile)(process.execPath, [CLI, 'alerts', 'list', '--json', '--filter', 'state:closed', '--data-dir', td!.dataDir], { encoding: 'utf8' });
    const { alerts } = JSON.parse(out) as { alerts: Alert[] };
    expect(alerts).toHaveLength(2);
    for (const a of alerts) {
      expect(a.srcIp).toBe('2.2.3.4');
      expect(a).toMatchObject({ state: 'closed', disposition: 'false_positive', closeReason: 'friendly-scanner from our own SIP audit' });
      expect(a.lastChange).toMatchObject({ actor: userInfo().username, action: 'close' });
    }
    // Each wait above is bounded; the ceiling only has to cover a busy two-core CI box.
  }, 150_000);
});
