import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_REGISTRY } from '../../src/tui/views/index.js';
import type { ViewId } from '../../src/tui/view-store.js';
import { REPO_ROOT, requireBuild } from '../support/child-daemon.js';
import { tempDir } from '../support/daemon.js';
import { requireTmux, tmux, tmuxPane } from '../support/tmux-pane.js';

const SESSION = `socdeck-demo-views-${process.pid}`;
const { screen, waitFor, kill } = tmuxPane(SESSION);

/**
 * A data row of each view as the first-run demo fills it (not a header, hint or empty-state line).
 * A view added to the registry without a row here fails the test: the demo must fill it too.
 */
const DEMO_ROW: Record<ViewId, RegExp> = {
  alerts: /\b(new|in_progress)\s+(-|\w+)\s*$/m,
  sources: /^demo\s+demo-replay\s+running\s+\d+/m,
  quarantine: /^q\w+\s+.*\bdemo\s+demo:cut-off-line\s+\d+/m,
  incidents: /^INC-[\w-]+\s+\w+\s+\w+\s+[\w-]+\s+2\/\d+\s+demo\s+\[demo\]/m,
  playbooks: /^ransomware\s+critical\s+[0-9a-f]{12}\s+\d+/m,
  sla: /^\S+\s+[\d-]+ [\d:]+\s+(alert|incident|advisory|leak)\s+\S+\s+(critical|high|medium|low)\s/m,
  scans: /^S-\w+\s+verify\s+done[\s\S]*fixed\s+demo-loopback\s/m,
  intel: /^critical\s+KEV\s+draft\s+\S+\s+CVE-2023-4863\s/m,
  leaks: /\bopen\s+\w+\s+\S+…\S+\s+demo\s+[\d-]+ [\d:]+\s+deploy\.env:\d/m,
  reports: /^[\d-]+ [\d:]+\s+demo\s+weekly\s+\d{4}-W\d{2}\s/m,
  audit: /^[\d-]+ [\d:]+\s+demo\s+(escalate|incident\.check|scan\.run|report\.build|intel\.import|inventory\.import)\s/m,
  cases: /^C-\w+\s+\d+\s+\w+\s+open\s+\d+\s/m,
};

beforeAll(() => {
  requireBuild();
  requireTmux();
  // As `npm start` runs it: no config, no data dir, a fresh HOME (the state dir lives under it).
  const home = tempDir('socdeck-home-');
  mkdirSync(join(home, '.local', 'state'), { recursive: true });
  const unset = Object.keys(process.env)
    .filter((k) => k === 'NODE_ENV' || k.startsWith('VITEST') || k.startsWith('XDG_') || k.startsWith('SOCDECK_'))
    .map((k) => `-u ${k}`)
    .join(' ');
  // --port 0 only so this cannot meet a daemon already on 7733 here; everything else is the default.
  const cmd = `env ${unset} HOME=${home} node bin/socdeck --port 0; echo "[socdeck exited $?]"; sleep 60`;
  tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '40', '-c', REPO_ROOT, cmd);
});

afterAll(kill);

describe('the first run (npm start) in a real terminal', () => {
  it('every view in the registry shows demo data rows', async () => {
    const views = Object.keys(VIEW_REGISTRY) as ViewId[];
    expect(views.filter((v) => !(v in DEMO_ROW))).toEqual([]);
    await waitFor((s) => s.includes('● connected'), 'the TUI attached to its embedded daemon');
    for (const view of views) {
      tmux('send-keys', '-t', SESSION, ':');
      tmux('send-keys', '-t', SESSION, '-l', view);
      tmux('send-keys', '-t', SESSION, 'Enter');
      // The demo tells its story in the background: a view may wait a few seconds for its rows.
      await waitFor((s) => DEMO_ROW[view].test(s.split('\n').slice(1).join('\n')), `a demo row in :${view}`);
    }
    // The queue has no customer column: the detail pane says whose an alert is.
    tmux('send-keys', '-t', SESSION, ':');
    tmux('send-keys', '-t', SESSION, '-l', 'alerts');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor((s) => DEMO_ROW.alerts.test(s), 'the alert queue again');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor((s) => /customer demo · /.test(s), 'the alert detail naming customer demo');
    expect(screen()).not.toContain('[socdeck exited');
    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor((s) => s.includes('[socdeck exited 0]'), 'a clean exit');
  }, 120_000);
});
