import { z } from 'zod';
import { BINDINGS, withOverrides, type BindingSpec as Binding } from './key-bindings.js';
import { isKeyName, NAMED_KEYS } from './key-names.js';
import type { KeyOverrides as Overrides } from './key-bindings.js';
import { VIEWS } from './view-store.js';

const KEY_SPEC_HELP = `one character (a, A, ?), ctrl+<letter> (not h, i, j or m: terminals send those as other keys), or ${NAMED_KEYS.join(', ')}`;

/**
 * View keys are live together with the global ones and the generic list keys; the help and
 * close-picker overlays replace them, so they may reuse keys. A view's own key may shadow a
 * generic list key on purpose (reports' enter opens the pager), so that pair is no conflict.
 */
function liveTogether(a: Binding['scope'], b: Binding['scope']): boolean {
  const inView = (s: Binding['scope']) => Object.hasOwn(VIEWS, s);
  const shared = (s: Binding['scope']) => s === 'global' || s === 'list';
  return a === b || (shared(a) && shared(b)) || (a === 'global' && inView(b)) || (b === 'global' && inView(a));
}

/** Every pair of bindings that share a key while both are live: one of them could never fire. */
export function keyConflicts(bindings: readonly Binding[]): { key: string; a: Binding; b: Binding }[] {
  const out: { key: string; a: Binding; b: Binding }[] = [];
  bindings.forEach((a, i) => {
    for (const b of bindings.slice(i + 1)) {
      if (!liveTogether(a.scope, b.scope)) continue;
      for (const key of a.keys) if (b.keys.includes(key)) out.push({ key, a, b });
    }
  });
  return out;
}

const scopeName = (b: Binding) => (b.scope === 'disposition' ? 'the close picker' : b.scope);

/**
 * `tui.keys`: action name → a key or a list of keys, replacing that action's defaults. Unknown
 * actions, keys no terminal can send, and two live actions on one key are errors whose path
 * names the action, so the config loader can point at its file and line.
 */
export const KeyOverrides = z
  .record(z.string(), z.union([z.string(), z.array(z.string()).min(1).max(8)], { error: 'expected a key or a list of 1 to 8 keys' }))
  .superRefine((over, ctx) => {
    const ids = new Set(BINDINGS.map((b) => b.id));
    let malformed = false;
    for (const [id, spec] of Object.entries(over)) {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: [id], message: `unknown action "${id}" (actions: ${[...ids].join(', ')})` });
      const keys = typeof spec === 'string' ? [spec] : spec;
      keys.forEach((key, i) => {
        if (isKeyName(key)) return;
        malformed = true;
        ctx.addIssue({ code: 'custom', path: typeof spec === 'string' ? [id] : [id, i], message: `"${key}" is not a key: use ${KEY_SPEC_HELP}` });
      });
    }
    // Conflicts between keys that are wrong anyway would only bury the real error.
    if (malformed) return;
    const overridden = (b: Binding) => Object.hasOwn(over, b.id);
    for (const { key, a, b } of keyConflicts(withOverrides(normalise(over)))) {
      if (!overridden(a) && !overridden(b)) continue;
      const [mine, other] = overridden(a) ? [a, b] : [b, a];
      const where = other.scope === mine.scope ? `in ${scopeName(mine)}` : `(${scopeName(other)})`;
      const fix = overridden(other) ? `tui.keys.${other.id} binds it too` : `bind ${other.id} to another key too, or pick another key`;
      ctx.addIssue({ code: 'custom', path: [mine.id], message: `key "${key}" is also bound to ${other.id} ${where}: ${fix}` });
    }
  })
  .transform(normalise);

function normalise(over: Readonly<Record<string, string | readonly string[]>>): Overrides {
  return Object.fromEntries(Object.entries(over).map(([id, spec]) => [id, typeof spec === 'string' ? [spec] : [...spec]]));
}
