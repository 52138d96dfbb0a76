import { createContext, useContext } from 'react';
import { BINDINGS, type Binding } from './key-bindings.js';
import type { KeyName } from './key-names.js';
import type { TuiState } from './view-store.js';

/** Action name → the keys that replace its defaults, as `tui.keys` in the config gives them (validated by key-overrides.ts). */
export type KeyOverrides = Readonly<Record<string, readonly KeyName[]>>;

type Mode = Pick<TuiState, 'overlay' | 'view'>;

/**
 * The binding table in effect: the defaults with the user's overrides laid over them. Input
 * dispatch, the help overlay and the footer all ask this one object, so they show the keys
 * that actually work.
 */
export class KeyTable {
  readonly bindings: readonly Binding[];

  constructor(overrides: KeyOverrides = {}, defaults: readonly Binding[] = BINDINGS) {
    this.bindings = defaults.map((b) => (Object.hasOwn(overrides, b.id) ? { ...b, keys: overrides[b.id]! } : b));
  }

  /** Bindings live in the current mode, most specific scope first. */
  active(s: Mode): Binding[] {
    if (s.overlay === 'help') return this.bindings.filter((b) => b.scope === 'help' || b.id === 'quit');
    if (s.overlay === 'disposition') return this.bindings.filter((b) => b.scope === 'disposition');
    return [...this.inScope(s.view), ...this.inScope('global')];
  }

  find(s: Mode, name: KeyName): Binding | undefined {
    return this.active(s).find((b) => b.keys.includes(name));
  }

  inScope(scope: Binding['scope']): Binding[] {
    return this.bindings.filter((b) => b.scope === scope);
  }

  /** The first key of an action, for hints written in prose ("esc clears"). */
  keyOf(id: string): KeyName | undefined {
    return this.bindings.find((b) => b.id === id)?.keys[0];
  }
}

export const DEFAULT_KEYS = new KeyTable();

const KeyTableContext = createContext<KeyTable>(DEFAULT_KEYS);
export const KeyTableProvider = KeyTableContext.Provider;

/** The table the App was started with (the defaults in components rendered on their own). */
export function useKeyTable(): KeyTable {
  return useContext(KeyTableContext);
}
