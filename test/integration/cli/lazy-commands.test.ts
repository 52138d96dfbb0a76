import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { chosenEntry, commandsFor } from '../../../src/cli/lazy-commands.js';
import { CLI, REPO_ROOT, requireBuild } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';

/** Each bundle file's sources, from the metafile the build writes beside it (scripts/build-cli.ts). */
function bundleInputs(): Map<string, string[]> {
  const meta = JSON.parse(readFileSync(join(REPO_ROOT, 'dist', 'cli-meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  return new Map(Object.entries(meta.outputs).map(([out, o]) => [pathToFileURL(join(REPO_ROOT, out)).href, Object.keys(o.inputs)]));
}

/**
 * Runs the built CLI with the module trace hook; returns what it loaded: files outside the
 * bundle as their URLs, bundle files as the sources inlined in them (repository-relative).
 */
function loadedBy(args: string[]): Promise<{ code: number; modules: string[] }> {
  const inputs = bundleInputs();
  const trace = join(tempDir(), 'modules.txt');
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', join(REPO_ROOT, 'test/support/module-trace.mjs'), CLI, ...args], { env: { ...process.env, SOCDECK_MODULE_TRACE: trace }, timeout: 80_000 }, (err) => {
      const modules = readFileSync(trace, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((url) => inputs.get(url) ?? [url]);
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, modules });
    });
  });
}

const HEAVY = [
  /(^|\/)node_modules\/(react|ink|ws)\//,
  /^src\/tui\//,
  /^src\/client\//,
  /^src\/daemon\/(daemon|modules|server\/[^/]+)\.ts$/,
  /^src\/cli\/commands\/(alerts|incident|scan|intel|report)\.ts$/,
];

describe('lazy CLI commands', () => {
  it('picks the command the line names, skipping global option values, else the default', () => {
    expect(chosenEntry(COMMANDS, ['--data-dir', 'status', 'vercmp', '1', '2'])?.command).toBe('vercmp <a> <b>');
    expect(chosenEntry(COMMANDS, ['--config=x.yaml', 'incidents', 'list'])?.command).toBe('incident <command>');
    expect(chosenEntry(COMMANDS, ['--help'])?.command).toBe('$0');
    expect(chosenEntry(COMMANDS, ['frobnicate'])?.command).toBe('$0');
  });

  it('loads only the chosen module; the others are stubs that name themselves', async () => {
    const loaded: string[] = [];
    const entries = COMMANDS.map((e) => ({
      ...e,
      load: () => {
        loaded.push(e.command);
        return e.load();
      },
    }));
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
      expect(
        r.modules.filter((m) => HEAVY.some((h) => h.test(m))),
        cases[i]!.join(' '),
      ).toEqual([]);
    });
  }, 90_000);

  it('--version prints the package version without loading the parser; with other words it goes through yargs', async () => {
    requireBuild();
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const run = (args: string[]) => new Promise<string>((resolve, reject) => execFile(process.execPath, [CLI, ...args], { timeout: 30_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))));
    expect(await run(['--version'])).toBe(`${version}\n`);
    expect(await run(['--version', '--json'])).toBe(`${version}\n`);
    const [alone, withFlag] = await Promise.all([loadedBy(['--version']), loadedBy(['--version', '--json'])]);
    expect(alone.modules.filter((m) => m.includes('node_modules/yargs'))).toEqual([]);
    expect(withFlag.modules.filter((m) => m.includes('node_modules/yargs')).length).toBeGreaterThan(5);
  }, 60_000);
});
