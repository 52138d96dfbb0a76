import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/daemon/config.js';
import { MODULE_NAMES } from '../../../src/daemon/module-names.js';
import { MODULE_FACTORIES } from '../../../src/daemon/modules.js';
import { tempDir } from '../../support/daemon.js';

const SECTIONS = [...MODULE_NAMES];

function userFile(text: string): string {
  const f = join(tempDir(), 'user.yaml');
  writeFileSync(f, text);
  return f;
}

describe('MODULE_NAMES', () => {
  it('is every module name in start order, so config commands need not load the modules', () => {
    expect(MODULE_FACTORIES.map((f) => f().name)).toEqual(MODULE_NAMES);
  });
});

describe('loadConfig', () => {
  it('merges a user file over the defaults key by key', () => {
    const c = loadConfig(userFile('daemon:\n  port: 9999\n'), SECTIONS);
    expect(c.daemon.port).toBe(9999);
    expect(c.daemon.host).toBe('127.0.0.1');
    expect((c.sections.demo as { rate: number }).rate).toBeGreaterThan(0);
  });

  it('names file, line and key path for a wrong type', () => {
    const f = userFile('# comment\ndaemon:\n  port: "eighty"\n');
    expect(() => loadConfig(f, SECTIONS)).toThrowError(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: daemon\\.port: `));
  });

  it('rejects an unknown key and an unknown section, naming them', () => {
    expect(() => loadConfig(userFile('daemon:\n  prot: 1\n'), SECTIONS)).toThrowError(/daemon: Unrecognized key.*prot/);
    expect(() => loadConfig(userFile('deamon:\n  port: 1\n'), SECTIONS)).toThrowError(/:1: deamon: unknown config section/);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(() => loadConfig(userFile('daemon:\n  port: [1,\n'), SECTIONS)).toThrowError(/user\.yaml:\d+:\d+: /);
  });

  it('says so when the user file does not exist', () => {
    expect(() => loadConfig(join(tempDir(), 'missing.yaml'), SECTIONS)).toThrowError(/missing\.yaml does not exist/);
  });
});
