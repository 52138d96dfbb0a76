import { Disposition } from '../shared/alert.js';
import type { BindingSpec } from './binding-spec.js';
import type { KeyName } from './key-names.js';
import { ALERTS_BINDINGS } from './views/alerts/alerts-bindings.js';
import { CASES_BINDINGS } from './views/cases/cases-bindings.js';
import { INCIDENTS_BINDINGS } from './views/incidents/incidents-bindings.js';
import { INTEL_BINDINGS } from './views/intel/intel-bindings.js';
import { LEAKS_BINDINGS } from './views/leaks/leaks-bindings.js';
import { REPORTS_BINDINGS } from './views/reports/reports-bindings.js';
import { SCANS_BINDINGS } from './views/scans/scans-bindings.js';

export type { BindingSpec } from './binding-spec.js';

/**
 * THE key-binding table, data only: input dispatch, the `?` help overlay and the footer hints all
 * read it (through a KeyTable, which lays the user's `tui.keys` overrides over these defaults).
 * What each action does is in key-actions.ts and in each view's registry record.
 */
export const BINDINGS: readonly BindingSpec[] = [
  { id: 'help', keys: ['?'], hint: 'help', description: 'Show or hide this help', scope: 'global' },
  {
    id: 'command',
    keys: [':'],
    hint: 'command',
    description: 'Command line (tab completes): a view (alerts, incidents, audit, …), filter [save] NAME, suppress DURATION REASON, quit',
    scope: 'global',
  },
  { id: 'quit', keys: ['q', 'ctrl+c'], hint: 'quit', description: 'Quit (an embedded daemon stops with the TUI)', scope: 'global' },
  { id: 'down', keys: ['down', 'j'], description: 'Next row', scope: 'list' },
  { id: 'up', keys: ['up', 'k'], description: 'Previous row', scope: 'list' },
  { id: 'page-down', keys: ['pgdn', 'ctrl+f'], description: 'Page down', scope: 'list' },
  { id: 'page-up', keys: ['pgup', 'ctrl+b'], description: 'Page up', scope: 'list' },
  { id: 'top', keys: ['home', 'g'], description: 'First row', scope: 'list' },
  { id: 'bottom', keys: ['end', 'G'], description: 'Last row', scope: 'list' },
  { id: 'open', keys: ['enter'], hint: 'open', description: 'Open or close the selected row (detail, plan, git log, checklist)', scope: 'list' },
  ...ALERTS_BINDINGS,
  ...LEAKS_BINDINGS,
  ...INTEL_BINDINGS,
  ...SCANS_BINDINGS,
  ...INCIDENTS_BINDINGS,
  ...CASES_BINDINGS,
  ...REPORTS_BINDINGS,
  // Close-picker order: `1`…`n` and each disposition's first letter pick it (triage-actions.ts DISPOSITIONS).
  ...Disposition.options.map((d, i): BindingSpec => ({ id: `disposition-${d}`, keys: [String(i + 1), d[0]!], hint: d, description: `Close as ${d}`, scope: 'disposition' })),
  { id: 'cancel-close', keys: ['escape'], hint: 'cancel', description: 'Cancel closing', scope: 'disposition' },
  { id: 'close-help', keys: ['escape', '?', 'q'], description: 'Close help', scope: 'help' },
  { id: 'help-down', keys: ['down', 'j'], description: 'Scroll help down a line', scope: 'help' },
  { id: 'help-up', keys: ['up', 'k'], description: 'Scroll help up a line', scope: 'help' },
  { id: 'help-page-down', keys: ['pgdn', 'ctrl+f', 'space'], description: 'Scroll help down a page', scope: 'help' },
  { id: 'help-page-up', keys: ['pgup', 'ctrl+b'], description: 'Scroll help up a page', scope: 'help' },
];

/** Action name → the keys that replace its defaults, as `tui.keys` in the config gives them (validated by key-overrides.ts). */
export type KeyOverrides = Readonly<Record<string, readonly KeyName[]>>;

/** The table with the user's overrides laid over the defaults. */
export function withOverrides(overrides: KeyOverrides, defaults: readonly BindingSpec[] = BINDINGS): BindingSpec[] {
  return defaults.map((b) => (Object.hasOwn(overrides, b.id) ? { ...b, keys: overrides[b.id]! } : b));
}
