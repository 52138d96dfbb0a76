import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_NOTE_LENGTH } from '../../../src/shared/alert.js';
import type { SpawnSync } from '../../../src/tui/terminal-handoff.js';
import { tempDir } from '../../support/daemon.js';
import { makeAlert } from '../triage/make-alert.js';
import { recordingDaemon } from './fake-daemon.js';
import { newStore, renderApp } from './render-app.js';

const FAKE_EDITOR = fileURLToPath(new URL('../../support/fake-editor.mjs', import.meta.url));

interface Seen {
  file: string;
  mode: number;
  dirMode: number;
  content: string;
}

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

/** Points $EDITOR at the fake editor, which follows `steps`, one per run. */
function fakeEditor(steps: { append?: string; replace?: string; exit?: number }[]): { seen: () => Seen[] } {
  const plan = join(tempDir(), 'plan.json');
  writeFileSync(plan, JSON.stringify({ steps, seen: [] }));
  vi.stubEnv('VISUAL', '');
  vi.stubEnv('EDITOR', `${process.execPath} ${FAKE_EDITOR}`);
  vi.stubEnv('FAKE_EDITOR_PLAN', plan);
  return { seen: () => (JSON.parse(readFileSync(plan, 'utf8')) as { seen: Seen[] }).seen };
}

/** The App on two alerts, attached to a recording daemon, with the spawn watched: was the terminal handed over? */
function attached() {
  const store = newStore();
  store.setSnapshot([makeAlert(3), makeAlert(7)]);
  const daemon = recordingDaemon();
  const atSpawn: { raw: boolean; inkListening: boolean }[] = [];
  let raw = true;
  const spawn: SpawnSync = (command, args, options) => {
    atSpawn.push({ raw, inkListening: app.stdin.listenerCount('readable') > 0 });
    return spawnSync(command, args, options);
  };
  const app = renderApp(store, daemon.client, { spawn });
  // Ink switches raw mode on the stdin it was given; the testing library's is a no-op, so watch it.
  Object.assign(app.stdin, { setRawMode: (on: boolean) => void (raw = on) });
  return { store, app, atSpawn, raw: () => raw, notes: () => daemon.calls.filter((c) => c.method === 'alerts.note') };
}

describe('N: a long note in $EDITOR', () => {
  it('hands the terminal to the editor on a private temp file, adds what was written, and takes the terminal back', async () => {
    const editor = fakeEditor([{ append: 'Lateral movement ruled out.\n\nChecked auth.log on web-01.\n' }]);
    const { app, atSpawn, raw, notes } = attached();
    await app.waitFor((f) => f.includes('1/2 shown'), 'the queue');

    await app.press('N');
    await app.waitFor((f) => f.includes('noted 1 alert'), 'the note to go through');
    expect(notes()).toEqual([{ method: 'alerts.note', params: { targets: [{ id: 'a00007', rev: 0 }], text: 'Lateral movement ruled out.\n\nChecked auth.log on web-01.' } }]);

    // Cooked mode and Ink's stdin listener off while the editor ran; both back after.
    expect(atSpawn).toEqual([{ raw: false, inkListening: false }]);
    expect(raw()).toBe(true);
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);

    const [seen] = editor.seen();
    expect(seen!.mode).toBe(0o600);
    expect(seen!.dirMode).toBe(0o700);
    expect(seen!.content).toMatch(/^# socdeck: note on 1 alert \(a00007\)\. Lines starting with "# socdeck:" are removed/);
    expect(existsSync(seen!.file)).toBe(false);
    expect(existsSync(join(seen!.file, '..'))).toBe(false);

    // Keys work again: the TUI is back in charge of the terminal.
    await app.press('j');
    await app.waitFor((f) => f.includes('2/2 shown'), 'j moving the cursor');
  });

  it('adds nothing when the template comes back unchanged', async () => {
    fakeEditor([{}]);
    const { app, notes } = attached();
    await app.press('N');
    await app.waitFor((f) => f.includes('empty note: nothing added'), 'the message');
    expect(notes()).toEqual([]);
  });

  it('adds nothing, and says why, when the editor exits non-zero', async () => {
    const editor = fakeEditor([{ append: 'half a thought', exit: 3 }]);
    const { app, notes, raw } = attached();
    await app.press('N');
    // The message names the editor's full path, so in a deep checkout it wraps onto a second line.
    await app.waitFor((f) => /editor ".*fake-editor\.mjs" failed \(exit 3\); no note added/.test(f.replace(/\s*\n\s*/g, ' ')), 'the failure');
    expect(notes()).toEqual([]);
    expect(raw()).toBe(true);
    expect(existsSync(editor.seen()[0]!.file)).toBe(false);
  });

  it('says so when the editor cannot be started', async () => {
    vi.stubEnv('VISUAL', 'socdeck-no-such-editor');
    const { app, notes } = attached();
    await app.press('N');
    await app.waitFor((f) => f.includes('editor "socdeck-no-such-editor" failed') && f.includes('ENOENT'), 'the failure');
    expect(notes()).toEqual([]);
  });

  it('reopens a note over the limit with the reason on top, so the text is not lost', async () => {
    const long = 'x'.repeat(MAX_NOTE_LENGTH + 1);
    const editor = fakeEditor([{ append: long }, { replace: 'the short version' }]);
    const { app, notes } = attached();
    await app.press('N');
    await app.waitFor((f) => f.includes('noted 1 alert'), 'the shortened note');
    const [, second] = editor.seen();
    expect(second!.content).toContain(`# socdeck: the note is ${MAX_NOTE_LENGTH + 1} characters; the limit is ${MAX_NOTE_LENGTH}`);
    expect(second!.content).toContain(long);
    expect(notes()).toEqual([{ method: 'alerts.note', params: { targets: [{ id: 'a00007', rev: 0 }], text: 'the short version' } }]);
  });
});
