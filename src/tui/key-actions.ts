import { pickDisposition, DISPOSITIONS, type ActionContext } from './triage-actions.js';
import type { BindingSpec } from './binding-spec.js';
import { helpBodyRows } from './components/help-lines.js';
import { VIEW_REGISTRY } from './views/index.js';
import type { Action, ListControl } from './views/view-record.js';

/** The overlay clamps the far end (it knows its length); the store keeps the near one. */
const scrollHelp =
  (delta: (rows: number) => number): Action =>
  ({ store }) =>
    store.update((s) => ({ helpScroll: Math.max(0, s.helpScroll + delta(s.terminalRows)) }));
const list = (ctx: ActionContext): ListControl | undefined => VIEW_REGISTRY[ctx.store.getState().view]?.list;
const move =
  (delta: (rows: number) => number): Action =>
  (ctx) =>
    list(ctx)?.move(ctx, delta(ctx.store.getState().viewportRows));

/** What the global, generic list, close-picker and help keys do; a view's own keys are in its registry record. */
const SHARED_ACTIONS: Readonly<Record<string, Action>> = {
  help: ({ store }) => store.update((s) => ({ overlay: s.overlay === 'help' ? undefined : 'help', helpScroll: 0 })),
  command: ({ store }) => store.update({ prompt: { kind: 'command', label: ':', text: '' }, message: undefined }),
  quit: ({ quit }) => quit(),
  down: move(() => 1),
  up: move(() => -1),
  'page-down': move((rows) => rows),
  'page-up': move((rows) => -rows),
  // Far enough past either end: every list clamps its cursor.
  top: move(() => -Number.MAX_SAFE_INTEGER),
  bottom: move(() => Number.MAX_SAFE_INTEGER),
  open: (ctx) => list(ctx)?.open(ctx),
  ...Object.fromEntries(DISPOSITIONS.map((d, i) => [`disposition-${d}`, (ctx: ActionContext) => pickDisposition(ctx, i)])),
  'cancel-close': ({ store }) => store.update({ overlay: undefined }),
  'close-help': ({ store }) => store.update({ overlay: undefined }),
  'help-down': scrollHelp(() => 1),
  'help-up': scrollHelp(() => -1),
  'help-page-down': scrollHelp((rows) => helpBodyRows(rows)),
  'help-page-up': scrollHelp((rows) => -helpBodyRows(rows)),
};

/** Runs a binding: the current view's action of that name, else the shared one. */
export function runBinding(b: BindingSpec, ctx: ActionContext): void {
  const view = VIEW_REGISTRY[ctx.store.getState().view];
  (view?.actions[b.id] ?? SHARED_ACTIONS[b.id])?.(ctx);
}

/** Every action name the table may bind, for the test that no binding is left without one. */
export function hasAction(id: string): boolean {
  return Object.hasOwn(SHARED_ACTIONS, id) || Object.values(VIEW_REGISTRY).some((v) => Object.hasOwn(v.actions, id));
}
