import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, requireBuild } from '../support/child-daemon.js';
import { tempDir } from '../support/daemon.js';
import { requireTmux, tmux, tmuxPane } from '../support/tmux-pane.js';

const SESSION = `socdeck-e2e-${process.pid}`;
const { screen, waitFor, kill } = tmuxPane(SESSION);

let dataDir: string;

beforeAll(() => {
  requireBuild();
  requireTmux();
  dataDir = tempDir();
  const config = join(dataDir, 'e2e.yaml');
  // Port 0: the embedded daemon must not collide with a real one on this machine.
  writeFileSync(config, 'daemon:\n  port: 0\ndemo:\n  rate: 50\n');
  // The pane outlives socdeck so a crash leaves its message on the screen for the failure report.
  // As an analyst's shell starts it: without the NODE_ENV=test and VITEST_* this runner sets (a tmux
  // server started from here hands them on), which once hid a blank screen that only `npm start` showed.
  const unset = Object.keys(process.env)
    .filter((k) => k === 'NODE_ENV' || k.startsWith('VITEST'))
    .map((k) => `-u ${k}`)
    .join(' ');
  const cmd = `env ${unset} VISUAL=vi ./bin/socdeck --data-dir ${dataDir} --config ${config}; echo "[socdeck exited $?]"; sleep 120`;
  tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '40', '-c', REPO_ROOT, cmd);
});

afterAll(kill);

describe('socdeck in a real terminal', () => {
  it('N hands the terminal to $VISUAL for a long note and takes it back', async () => {
    await waitFor((s) => s.includes('● connected') && /suricata|falco/.test(s), 'demo alert rows');
    tmux('send-keys', '-t', SESSION, 'N');
    await waitFor((s) => s.includes('# socdeck: note on 1 alert'), 'vi on the note template');
    tmux('send-keys', '-t', SESSION, 'G', 'o');
    tmux('send-keys', '-t', SESSION, '-l', 'written in vi over tmux');
    tmux('send-keys', '-t', SESSION, 'Escape', ':wq', 'Enter');
    await waitFor((s) => s.includes('noted 1 alert'), 'the note added and the queue back');
    // Raw mode is back: a single key acts at once, without Enter.
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor((s) => s.includes('written in vi over tmux'), 'the note in the alert detail');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor((s) => !s.includes('written in vi over tmux'), 'the detail to close');
  }, 120_000);

  it('starts an embedded daemon, shows demo rows, opens help with ?, quits with q', async () => {
    await waitFor((s) => s.includes('● connected') && /suricata|falco/.test(s), 'demo alert rows');
    expect(screen()).not.toContain('[socdeck exited');
    tmux('send-keys', '-t', SESSION, '?');
    const help = await waitFor((s) => s.includes('Show or hide this help'), 'the help overlay');
    expect(help).toContain('Quit');
    tmux('send-keys', '-t', SESSION, 'Escape');
    await waitFor((s) => !s.includes('Show or hide this help'), 'help to close');
    tmux('send-keys', '-t', SESSION, ':');
    tmux('send-keys', '-t', SESSION, '-l', 'incidents');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor((s) => s.includes('Incidents'), 'the incidents view');
    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor((s) => s.includes('[socdeck exited 0]'), 'a clean exit');
    // q stops the embedded daemon too: daemon.json goes away on a clean stop.
    for (let i = 0; i < 100 && existsSync(join(dataDir, 'daemon.json')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(dataDir, 'daemon.json'))).toBe(false);
  }, 120_000);
});
