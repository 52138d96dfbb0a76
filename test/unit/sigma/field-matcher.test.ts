import { describe, expect, it } from 'vitest';
import { compileFieldItem } from '../../../src/daemon/sigma/field-matcher.js';
import type { SigmaEvent } from '../../../src/daemon/sigma/sigma-types.js';

const ev = (fields: Record<string, unknown>, raw = ''): SigmaEvent => ({ fields, raw });

describe('a list of values where any may match (one expression for all of them)', () => {
  it('keeps each value anchored on its own: startswith and endswith do not leak into the other values', () => {
    const starts = compileFieldItem('uri', ['startswith'], ['/admin', '/wp-']);
    expect(starts(ev({ uri: '/wp-login.php' }))).toBe(true);
    expect(starts(ev({ uri: '/ADMIN/x' }))).toBe(true);
    expect(starts(ev({ uri: '/x/wp-login.php' }))).toBe(false);
    const ends = compileFieldItem('uri', ['endswith'], ['.php', '.bak']);
    expect(ends(ev({ uri: '/a.bak' }))).toBe(true);
    expect(ends(ev({ uri: '/a.bak/b' }))).toBe(false);
    const exact = compileFieldItem('user', [], ['root', 'adm*']);
    expect(exact(ev({ user: 'admin' }))).toBe(true);
    expect(exact(ev({ user: 'xroot' }))).toBe(false);
    expect(exact(ev({ user: 'rootx' }))).toBe(false);
  });

  it('mixes null with plain values, keeps cased, and expands windash per value', () => {
    const withNull = compileFieldItem('ref', [], [null, 'x']);
    expect(withNull(ev({}))).toBe(true);
    expect(withNull(ev({ ref: 'x' }))).toBe(true);
    expect(withNull(ev({ ref: 'y' }))).toBe(false);
    const cased = compileFieldItem('cmd', ['contains', 'cased'], ['Invoke-', 'IEX']);
    expect(cased(ev({ cmd: 'powershell iex (x)' }))).toBe(false);
    expect(cased(ev({ cmd: 'powershell IEX (x)' }))).toBe(true);
    const dash = compileFieldItem('cmd', ['contains', 'windash'], [' -enc ', ' -nop ']);
    expect(dash(ev({ cmd: 'powershell /nop x' }))).toBe(true);
    expect(dash(ev({ cmd: 'powershell \u2013enc x' }))).toBe(true);
    expect(dash(ev({ cmd: 'powershell enc x' }))).toBe(false);
  });

  it('searches keywords anywhere in the raw line', () => {
    const kw = compileFieldItem(undefined, [], ['${jndi:', 'union select']);
    expect(kw(ev({}, 'GET /?q=1 UNION SELECT pass'))).toBe(true);
    expect(kw(ev({}, 'GET / HTTP/1.1'))).toBe(false);
  });
});
