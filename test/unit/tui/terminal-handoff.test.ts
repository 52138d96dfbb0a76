import type { SpawnSyncReturns } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createHandOff, type SpawnSync, type TerminalControl } from '../../../src/tui/terminal-handoff.js';

function recording(): { term: TerminalControl; raw: () => boolean; redraws: () => number } {
  let raw = true;
  let redraws = 0;
  return { term: { setRawMode: (on) => void (raw = on), write: () => {}, redraw: () => void redraws++ }, raw: () => raw, redraws: () => redraws };
}

const exited =
  (over: Partial<SpawnSyncReturns<Buffer>>): SpawnSync =>
  () => ({ pid: 1, output: [], stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), status: 0, signal: null, ...over });

describe('handing the terminal to a program', () => {
  it('passes the command line’s own arguments before the file', () => {
    const got: string[][] = [];
    const r = recording();
    const spawn: SpawnSync = (command, args, options) => {
      got.push([command, ...args, String(options.stdio)]);
      return exited({})(command, args, options);
    };
    expect(createHandOff(r.term, spawn).run(' code  --wait ', ['note.md'])).toEqual({ ok: true });
    expect(got).toEqual([['code', '--wait', 'note.md', 'inherit']]);
  });

  it.each([
    ['a non-zero exit', exited({ status: 2 }), 'exit 2'],
    ['a signal', exited({ status: null, signal: 'SIGKILL' }), 'killed by SIGKILL'],
    ['a program that cannot start', exited({ status: null, error: new Error('spawnSync nope ENOENT') }), 'spawnSync nope ENOENT'],
  ])('reports %s', (_, spawn, reason) => {
    const r = recording();
    expect(createHandOff(r.term, spawn).run('nope', [])).toEqual({ ok: false, reason });
    expect(r.raw()).toBe(true);
    expect(r.redraws()).toBe(1);
  });

  it('takes the terminal back even when spawning throws', () => {
    const r = recording();
    const sigintListeners = process.listenerCount('SIGINT');
    const boom: SpawnSync = () => {
      throw new Error('boom');
    };
    expect(() => createHandOff(r.term, boom).run('vi', [])).toThrow('boom');
    expect(r.raw()).toBe(true);
    expect(r.redraws()).toBe(1);
    expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
  });
});
