import { describe, expect, it } from 'vitest';
import { BINDINGS } from '../../../src/tui/key-bindings.js';
import { isKeyName } from '../../../src/tui/key-names.js';
import { keyConflicts } from '../../../src/tui/key-overrides.js';
import { KeyTable } from '../../../src/tui/key-table.js';
import { TuiConfig } from '../../../src/tui/tui-config.js';

/** Each issue as `path: message`, the way the config loader prints it (without file:line). */
function issues(keys: unknown): string[] {
  const r = TuiConfig.safeParse({ keys });
  return r.success ? [] : r.error.issues.map((i) => `${['tui', ...i.path].join('.')}: ${i.message}`);
}

describe('the default key table', () => {
  it('has no two live actions on one key, and only keys a terminal can send', () => {
    expect(keyConflicts(BINDINGS)).toEqual([]);
    for (const b of BINDINGS) for (const k of b.keys) expect(isKeyName(k), `${b.id}: ${k}`).toBe(true);
  });

  it('has unique action names', () => {
    expect(new Set(BINDINGS.map((b) => b.id)).size).toBe(BINDINGS.length);
  });
});

describe('key specs', () => {
  it.each(['a', 'A', '?', ':', '1', 'é', 'ctrl+f', 'ctrl+z', 'up', 'pgdn', 'enter', 'escape', 'space', 'backspace'])('accepts %j', (k) => {
    expect(isKeyName(k)).toBe(true);
  });

  it.each(['', ' ', 'ab', 'Ctrl+f', 'ctrl-f', 'ctrl+F', 'ctrl+h', 'ctrl+i', 'ctrl+j', 'ctrl+m', 'alt+x', 'esc', 'return', 'pagedown', '\t'])('refuses %j', (k) => {
    expect(isKeyName(k)).toBe(false);
  });
});

describe('tui.keys overrides', () => {
  it('takes a key or a list of keys per action and replaces that action’s defaults', () => {
    const keys = TuiConfig.parse({ keys: { ack: 'A', quit: ['Q', 'ctrl+c'] } }).keys;
    expect(keys).toEqual({ ack: ['A'], quit: ['Q', 'ctrl+c'] });
    const table = new KeyTable(keys);
    expect(table.find({ view: 'alerts', overlay: undefined }, 'A')?.id).toBe('ack');
    expect(table.find({ view: 'alerts', overlay: undefined }, 'a')).toBeUndefined();
    expect(table.find({ view: 'alerts', overlay: undefined }, 'q')).toBeUndefined();
    expect(table.keyOf('quit')).toBe('Q');
  });

  it('is empty by default', () => {
    expect(TuiConfig.parse({}).keys).toEqual({});
  });

  it('lets two actions swap keys', () => {
    expect(issues({ ack: 't', take: 'a' })).toEqual([]);
  });

  it('lets actions of different views share a key', () => {
    expect(issues({ 'scans-verify': 'p' })).toEqual([]);
  });

  it('names an unknown action and lists the real ones', () => {
    const [msg] = issues({ acknowledge: 'A' });
    expect(msg).toMatch(/^tui\.keys\.acknowledge: unknown action "acknowledge" \(actions: help, command, quit, .*ack, /);
  });

  it('names a malformed key with its path, and says what a key is', () => {
    expect(issues({ ack: 'Ctrl-A' })).toEqual([expect.stringMatching(/^tui\.keys\.ack: "Ctrl-A" is not a key: use one character \(a, A, \?\), ctrl\+<letter>/)]);
    expect(issues({ quit: ['q', 'ctrl+m'] })).toEqual([expect.stringMatching(/^tui\.keys\.quit\.1: "ctrl\+m" is not a key/)]);
    expect(issues({ ack: [] })[0]).toMatch(/^tui\.keys\.ack: /);
    expect(issues({ ack: 7 })).toEqual(['tui.keys.ack: expected a key or a list of 1 to 8 keys']);
  });

  it('refuses two actions on one key in one view', () => {
    expect(issues({ ack: 't' })).toEqual(['tui.keys.ack: key "t" is also bound to take in alerts: bind take to another key too, or pick another key']);
  });

  it('refuses a view key that shadows a global one', () => {
    expect(issues({ ack: 'q' })).toEqual(['tui.keys.ack: key "q" is also bound to quit (global): bind quit to another key too, or pick another key']);
  });

  it('says when both conflicting actions were overridden', () => {
    expect(issues({ ack: 'Z', take: 'Z' })).toEqual(['tui.keys.ack: key "Z" is also bound to take in alerts: tui.keys.take binds it too']);
  });

  it('refuses unknown settings next to keys', () => {
    expect(TuiConfig.safeParse({ keys: {}, colour: 'dark' }).success).toBe(false);
  });
});
