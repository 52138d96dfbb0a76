import type { KeyName } from './key-names.js';
import type { ViewId } from './view-store.js';

/**
 * One row of the key-binding table, data only: what the config's `tui.keys` names (`id`), the
 * keys, the footer hint and the help text. What a binding does lives beside its view (the view
 * registry's actions), so reading the table loads no view and no React.
 */
export interface BindingSpec {
  /** The action's name: what `tui.keys` in the config overrides. */
  id: string;
  keys: readonly KeyName[];
  /** Short label for the footer; bindings without one stay out of the footer. */
  hint?: string;
  description: string;
  /**
   * Where the binding is live: every view, every list view (`list`: move, page, open; a view's
   * own binding on the same key comes first), one view, or an overlay/prompt mode.
   */
  scope: 'global' | 'list' | ViewId | 'help' | 'disposition';
}
