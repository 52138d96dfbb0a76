import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { chosenEntry, commandsFor } from '../../../src/cli/lazy-commands.js';
import { CLI, REPO_ROOT, requireBuild } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';

/** Runs the built CLI with the module trace hook; returns the module URLs it loaded. */
function loadedBy(args: string[]): Promise<{ code: number; modules: string[] }> {
  const trace = join(tempDir(), 'modules.txt');
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', join(REPO_ROOT, 'test/support/module-trace.mjs'), CLI, ...args], { env: { ...process.env, SOCDECK_MODULE_TRACE: trace }, timeout: 80_000 }, (err) => {
      const modules = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, modules });
    });
  });
}

const HEAVY = [/\/node_modules\/(react|ink|ws)\//, /\/dist\/tui\//, /\/dist\/client\//, /\/dist\/daemon\/(daemon|modules|server\/[^/]+)\.js$/, /\/dist\/cli\/commands\/(alerts|incident|scan|intel|report)\.js$/];

describe('lazy CLI commands', () => {
  it('picks the command the line names, skipping global option values, else the default', () => {
    expect(chosenEntry(COMMANDS, ['--data-dir', 'status', 'vercmp', '1', '2'])?.command).toBe('vercmp <a> <b>');
    expect(chosenEntry(COMMANDS, ['--config=x.yaml', 'incidents', 'list'])?.command).toBe('incident <command>');
    expect(chosenEntry(COMMANDS, ['--help'])?.command).toBe('$0');
    expect(chosenEntry(COMMANDS, ['frobnicate'])?.command).toBe('$0');
  });

  it('loads only the chosen module; the others are stubs that name themselves', async () => {
    const loaded: string[] = [];
    const entries = COMMANDS.map((e) => ({ ...e, load: () => {
        loaded.push(e.command);
        return e.load();
      } }));
    const cmds = await commandsFor(entries, ['vercmp', '--scheme', 'dpkg', '1', '2']);
    expect(loaded).toEqual(['vercmp <a> <b>']);
    expect(cmds.map((c) => c.command)).toEqual(COMMANDS.map((e) => e.command));
    expect(cmds.find((c) => c.command === 'vercmp <a> <b>')?.builder).toBeTypeOf('function');
  });

  it('file-only commands load neither React, the client, the daemon nor other commands', async () => {
    requireBuild();
    const cases = [['vercmp', '--scheme', 'dpkg', '1.0', '1.1'], ['sla', 'due', '--start', '2026-02-13T16:45:00+08:00', '--minutes', '60'], ['playbooks', 'lint'], ['--help']];
    // The trace sees what a daemon-talking command needs (`daemon --help` loads the daemon), so an empty list below means something.
    const [daemon, ...fileOnly] = await Promise.all([loadedBy(['daemon', '--help']), ...cases.map(loadedBy)]);
    expect(daemon!.code).toBe(0);
    expect(daemon!.modules.filter((m) => HEAVY.some((h) => h.test(m))).length).toBeGreaterThan(10);
    fileOnly.forEach((r, i) => {
      expect(r.modules.length, cases[i]!.join(' ')).toBeGreaterThan(5);
      expect(r.modules.filter((m) => HEAVY.some((h) => h.test(m))), cases[i]!.join(' ')).toEqual([]);
    });
  }, 90_000);
});
