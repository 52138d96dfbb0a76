import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SocdeckError } from '../../../src/shared/errors.js';
import { createLogger } from '../../../src/daemon/logger.js';
import { wireError } from '../../../src/daemon/server/wire-error.js';

function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger({ sink: (l) => lines.push(l) }) };
}

describe('wireError', () => {
  it('passes typed errors through unchanged and logs nothing', () => {
    const { lines, log } = capture();
    expect(wireError(new SocdeckError('conflict', 'rev moved', { rev: 3 }), 'alerts.update', log)).toEqual({ code: 'conflict', message: 'rev moved', details: { rev: 3 } });
    expect(lines).toEqual([]);
  });

  it('turns a missing path into a typed not_found naming the path, without the stack', () => {
    const { log } = capture();
    let thrown: unknown;
    try {
      readFileSync('/nonexistent-dir-of-this-test/secret.json');
    } catch (err) {
      thrown = err;
    }
    const e = wireError(thrown, 'inventory.import', log);
    expect(e).toEqual({ code: 'not_found', message: '/nonexistent-dir-of-this-test/secret.json: no such file or directory', details: { path: '/nonexistent-dir-of-this-test/secret.json' } });
  });

  it('gives an untyped error an id the log has with its stack, and no message or stack over the wire', () => {
    const { lines, log } = capture();
    // V8 quotes input in JSON errors: this is how file content used to reach clients.
    let thrown: unknown;
    try {
      JSON.parse('root:$6$saltsalt$hash');
    } catch (err) {
      thrown = err;
    }
    const e = wireError(thrown, 'intel.import', log);
    expect(e.code).toBe('internal');
    const errorId = e.details?.errorId as string;
    expect(errorId).toMatch(/^[0-9a-f]{12}$/);
    expect(e.message).toBe(`internal error in intel.import (error id ${errorId}; the daemon log has the details)`);
    expect(JSON.stringify(e)).not.toMatch(/root|\bat /);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(errorId);
    expect(lines[0]).toMatch(/SyntaxError.*\\n\s+at |SyntaxError[\s\S]*at /);
    // Two failures never share an id.
    expect(wireError(new Error('x'), 'intel.import', log).details?.errorId).not.toBe(errorId);
  });
});
