import type { Key } from 'ink';
import { isViewId, VIEWS, type TuiState, type ViewId, type ViewStore } from './view-store.js';

/** A key as written in the table: a printable character, or a named key like `up` or `pgdn`. */
export type KeyName = string;

export interface ActionContext {
  store: ViewStore;
  quit(): void;
}

export interface Binding {
  id: string;
  keys: KeyName[];
  /** Short label for the footer; bindings without one stay out of the footer. */
  hint?: string;
  description: string;
  /** Where the binding is live: every view, one view, or an overlay/prompt mode. */
  scope: 'global' | ViewId | 'help';
  run(ctx: ActionContext): void;
}

const move = (delta: (s: TuiState) => number) => (ctx: ActionContext) => ctx.store.update((s) => ({ cursor: s.cursor + delta(s) }));

/** THE key-binding table: input dispatch, the `?` help overlay and the footer hints all read it. */
export const BINDINGS: readonly Binding[] = [
  { id: 'help', keys: ['?'], hint: 'help', description: 'Show or hide this help', scope: 'global', run: ({ store }) => store.update((s) => ({ overlay: s.overlay === 'help' ? undefined : 'help' })) },
  { id: 'command', keys: [':'], hint: 'command', description: 'Command line: a view name (alerts, incidents, sla, …) or quit', scope: 'global', run: ({ store }) => store.update({ prompt: { kind: 'command', text: '' }, message: undefined }) },
  { id: 'quit', keys: ['q', 'ctrl+c'], hint: 'quit', description: 'Quit (an embedded daemon stops with the TUI)', scope: 'global', run: ({ quit }) => quit() },
  { id: 'down', keys: ['down', 'j'], description: 'Next row', scope: 'alerts', run: move(() => 1) },
  { id: 'up', keys: ['up', 'k'], description: 'Previous row', scope: 'alerts', run: move(() => -1) },
  { id: 'page-down', keys: ['pgdn', 'ctrl+f'], description: 'Page down', scope: 'alerts', run: move((s) => s.viewportRows) },
  { id: 'page-up', keys: ['pgup', 'ctrl+b'], description: 'Page up', scope: 'alerts', run: move((s) => -s.viewportRows) },
  { id: 'top', keys: ['home', 'g'], description: 'First row', scope: 'alerts', run: ({ store }) => store.update({ cursor: 0 }) },
  { id: 'bottom', keys: ['end', 'G'], description: 'Last row', scope: 'alerts', run: ({ store }) => store.update((s) => ({ cursor: s.rows.length - 1 })) },
  { id: 'detail', keys: ['enter'], hint: 'detail', description: 'Show or hide the raw event of the selected alert', scope: 'alerts', run: ({ store }) => store.update((s) => ({ detailOpen: !s.detailOpen })) },
  { id: 'close-help', keys: ['escape', '?', 'q'], description: 'Close help', scope: 'help', run: ({ store }) => store.update({ overlay: undefined }) },
];

/** Names an Ink keypress the way the table writes keys. */
export function keyName(input: string, key: Key): KeyName {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageDown) return 'pgdn';
  if (key.pageUp) return 'pgup';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input}`;
  return input;
}

/** Bindings live in the current mode, most specific scope first. */
export function activeBindings(s: Pick<TuiState, 'overlay' | 'view'>): Binding[] {
  if (s.overlay === 'help') return BINDINGS.filter((b) => b.scope === 'help' || b.id === 'quit');
  return [...BINDINGS.filter((b) => b.scope === s.view), ...BINDINGS.filter((b) => b.scope === 'global')];
}

export function findBinding(s: Pick<TuiState, 'overlay' | 'view'>, name: KeyName): Binding | undefined {
  return activeBindings(s).find((b) => b.keys.includes(name));
}

/** Runs a `:` command line. Returns an error message for the prompt, or undefined on success. */
export function runCommand(text: string, ctx: ActionContext): string | undefined {
  const cmd = text.trim().toLowerCase();
  if (cmd === '') return undefined;
  if (cmd === 'q' || cmd === 'quit') {
    ctx.quit();
    return undefined;
  }
  if (cmd === 'help') {
    ctx.store.update({ overlay: 'help' });
    return undefined;
  }
  const view = cmd === 'alert' ? 'alerts' : cmd;
  if (isViewId(view)) {
    ctx.store.update({ view, overlay: undefined });
    return undefined;
  }
  return `unknown command "${cmd}": try ${Object.keys(VIEWS).join(', ')}, help or quit`;
}
