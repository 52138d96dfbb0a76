import { createContext, useContext } from 'react';
import { BINDINGS, withOverrides, type BindingSpec, type KeyOverrides } from './key-bindings.js';
import type { KeyName } from './key-names.js';
import type { TuiState } from './view-store.js';

export type { KeyOverrides } from './key-bindings.js';

type Mode = Pick<TuiState, 'overlay' | 'view'> & { listView?: boolean };

/**
 * The binding table in effect: the defaults with the user's overrides laid over them. Input
 * dispatch, the help overlay and the footer all ask this one object, so they show the keys
 * that actually work.
 */
export class KeyTable {
  readonly bindings: readonly BindingSpec[];

  constructor(overrides: KeyOverrides = {}, defaults: readonly BindingSpec[] = BINDINGS) {
    this.bindings = withOverrides(overrides, defaults);
  }

  /** Bindings live in the current mode, most specific scope first: the view's own, the generic list keys, then global. */
  active(s: Mode): BindingSpec[] {
    if (s.overlay === 'help') return this.bindings.filter((b) => b.scope === 'help' || b.id === 'quit');
    if (s.overlay === 'disposition') return this.bindings.filter((b) => b.scope === 'disposition');
    const own = this.inScope(s.view);
    const taken = new Set(own.flatMap((b) => b.keys));
    // A generic list key the view binds itself (enter in :reports) is not live here.
    const list = s.listView === false ? [] : this.inScope('list').filter((b) => !b.keys.every((k) => taken.has(k)));
    return [...own, ...list, ...this.inScope('global')];
  }

  find(s: Mode, name: KeyName): BindingSpec | undefined {
    return this.active(s).find((b) => b.keys.includes(name));
  }

  inScope(scope: BindingSpec['scope']): BindingSpec[] {
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
