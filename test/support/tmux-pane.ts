import { execFileSync } from 'node:child_process';

export const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });

/** Fails with the install hint when tmux is missing (.ci/run installs it). */
export function requireTmux(): void {
  try {
    execFileSync('tmux', ['-V']);
  } catch {
    throw new Error('tmux is not installed: .ci/run installs it (apt-get install -y tmux)');
  }
}

/** The visible text of a tmux session's pane, and a bounded wait for it to show something. */
export function tmuxPane(session: string) {
  const screen = () => tmux('capture-pane', '-p', '-t', session);
  async function waitFor(pred: (s: string) => boolean, what: string, ms = 20_000): Promise<string> {
    let last = '';
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      last = screen();
      if (pred(last)) return last;
      if (last.includes('[socdeck exited')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
  }
  /** Ends the session; quiet when socdeck's exit already ended it. */
  function kill(): void {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // already gone
    }
  }
  return { screen, waitFor, kill };
}
