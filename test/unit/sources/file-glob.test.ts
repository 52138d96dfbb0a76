import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandPattern } from '../../../src/daemon/sources/file-glob.js';
import { tempDir } from '../../support/daemon.js';

describe('file source patterns (picomatch, last segment only)', () => {
  const dir = tempDir('socdeck-fglob-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'logs', 'old'), { recursive: true });
  mkdirSync(join(dir, 'secret'));
  for (const f of ['eve.json', 'eve-1.json', 'eve-2.json', 'eve.log', '.eve.json', 'alerts.json', 'old/eve-0.json']) writeFileSync(join(dir, 'logs', f), '');
  writeFileSync(join(dir, 'secret', 'eve.json'), '');
  const logs = (...f: string[]) => f.map((n) => join(dir, 'logs', n));

  it('expands * and ? in the file name, sorted, without descending', () => {
    expect(expandPattern(join(dir, 'logs', 'eve*.json'))).toEqual(logs('eve-1.json', 'eve-2.json', 'eve.json'));
    expect(expandPattern(join(dir, 'logs', 'eve-?.json'))).toEqual(logs('eve-1.json', 'eve-2.json'));
    expect(expandPattern(join(dir, 'logs', '*.json'))).toEqual(logs('.eve.json', 'alerts.json', 'eve-1.json', 'eve-2.json', 'eve.json'));
  });

  it('understands braces and negated classes, which the old matcher took literally', () => {
    expect(expandPattern(join(dir, 'logs', '{eve,alerts}.json'))).toEqual(logs('alerts.json', 'eve.json'));
    expect(expandPattern(join(dir, 'logs', 'eve-[!1].json'))).toEqual(logs('eve-2.json'));
  });

  it('passes a plain path through even when it does not exist yet', () => {
    expect(expandPattern(join(dir, 'logs', 'later.json'))).toEqual([join(dir, 'logs', 'later.json')]);
  });

  it('lists only the named folder: .. is resolved first, wildcards never reach a sibling', () => {
    expect(expandPattern(join(dir, 'logs', 'old', '..', '..', 'secret', '*.json'))).toEqual([join(dir, 'secret', 'eve.json')]);
    expect(expandPattern(join(dir, 'logs', '*', 'eve.json'))).toEqual([join(dir, 'logs', '*', 'eve.json')]);
    expect(expandPattern(join(dir, 'logs', '..*'))).toEqual([]);
    expect(expandPattern(join(dir, 'missing', '*.json'))).toEqual([]);
  });
});
