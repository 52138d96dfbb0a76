import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTuiConfig } from '../../../src/cli/tui-config.js';
import { loadConfig } from '../../../src/daemon/config.js';
import { MODULE_NAMES } from '../../../src/daemon/module-names.js';
import { isSocdeckError } from '../../../src/shared/errors.js';
import { tempDir } from '../../support/daemon.js';

function userFile(text: string): string {
  const f = join(tempDir(), 'analyst.yaml');
  writeFileSync(f, text);
  return f;
}

function failure(file: string): { code: string; message: string } {
  try {
    loadTuiConfig(file);
  } catch (err) {
    if (isSocdeckError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('the config was accepted');
}

describe('the tui section of the config files', () => {
  it('has no overrides by default', () => {
    expect(loadTuiConfig().keys).toEqual({});
  });

  it('reads key overrides from the --config file, merged over the defaults', () => {
    expect(loadTuiConfig(userFile('tui:\n  keys:\n    ack: A\n    quit: [Q, ctrl+c]\n')).keys).toEqual({ ack: ['A'], quit: ['Q', 'ctrl+c'] });
  });

  it('names file, line and key path of a conflicting override', () => {
    const f = userFile('# my keys\ntui:\n  keys:\n    take: T\n    ack: T\n');
    expect(failure(f)).toEqual({ code: 'config_invalid', message: `${f}:5: tui.keys.ack: key "T" is also bound to take in alerts: tui.keys.take binds it too` });
  });

  it('names file, line and key path of an unknown action and of a malformed key', () => {
    const f = userFile('tui:\n  keys:\n    ackk: A\n    take: [T, ctrl+shift+t]\n');
    const { message } = failure(f);
    expect(message).toContain(`${f}:3: tui.keys.ackk: unknown action "ackk"`);
    expect(message).toContain(`${f}:4: tui.keys.take.1: "ctrl+shift+t" is not a key`);
  });

  it('is a section the daemon accepts and leaves alone', () => {
    const f = userFile('tui:\n  keys:\n    ack: A\n');
    expect(() => loadConfig(f, [...MODULE_NAMES])).not.toThrow();
  });
});
