import { spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';

/** Runs a program to completion; spawnSync in the app, a wrapper around it in tests. */
export type SpawnSync = (command: string, args: readonly string[], options: SpawnSyncOptions) => SpawnSyncReturns<string | Buffer>;

/** What the hand-off needs from Ink: its raw-mode switch and both ways of writing to the terminal. */
export interface TerminalControl {
  setRawMode(on: boolean): void;
  /** Bytes straight to the terminal. */
  write(data: string): void;
  /** Ink's own write: erases its frame, writes, and draws the frame again. */
  redraw(data: string): void;
}

export type HandOffResult = { ok: true } | { ok: false; reason: string };

/** Runs a full-screen program (editor, pager) in the foreground and takes the terminal back after. */
export interface TerminalHandOff {
  /** `commandLine` is a command with its own arguments, as $EDITOR or $PAGER hold it ("code --wait"). */
  run(commandLine: string, args: readonly string[]): HandOffResult;
}

const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';
const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * Cooked mode and a visible cursor for the program, as a shell would give it; Ink's stdin
 * listener is detached meanwhile. spawnSync blocks the event loop, so Ink neither reads keys
 * nor draws until the program exits; then raw mode comes back and the whole frame is redrawn
 * over whatever the program left on the screen.
 */
export function createHandOff(term: TerminalControl, spawn: SpawnSync = spawnSync): TerminalHandOff {
  return {
    run(commandLine, args) {
      const [command = '', ...own] = commandLine.trim().split(/\s+/);
      // In cooked mode ctrl+c signals the whole foreground group: it is the program's to handle, not a reason for the TUI to die.
      const ignore = () => {};
      process.on('SIGINT', ignore);
      term.setRawMode(false);
      term.write(SHOW_CURSOR);
      let r: SpawnSyncReturns<string | Buffer>;
      try {
        r = spawn(command, [...own, ...args], { stdio: 'inherit' });
      } finally {
        process.off('SIGINT', ignore);
        term.setRawMode(true);
        term.redraw(CLEAR_SCREEN + HIDE_CURSOR);
      }
      if (r.error) return { ok: false, reason: r.error.message };
      if (r.status !== 0) return { ok: false, reason: r.signal ? `killed by ${r.signal}` : `exit ${r.status}` };
      return { ok: true };
    },
  };
}
