import type React from 'react';
import type { BindingSpec } from '../binding-spec.js';
import type { ActionContext } from '../triage-actions.js';
import type { ListSelection } from './list-selection.js';
import type { ViewProps } from './view-props.js';

export type Action = (ctx: ActionContext) => void;

/** What the generic list keys (down, up, page, top, bottom, open) do in a view. */
export interface ListControl {
  move(ctx: ActionContext, delta: number): void;
  open(ctx: ActionContext): void;
}

/**
 * One view, registered once in views/index.ts: its component, the list its generic keys move,
 * its own bindings (data, also listed in the binding table) and what each of them does.
 */
export interface ViewRecord {
  component: React.ComponentType<ViewProps>;
  list?: ListControl;
  bindings: readonly BindingSpec[];
  actions: Readonly<Record<string, Action>>;
}

/** The list keys over a ListSelection; `move` replaced where an opened row has its own cursor (checklist steps). */
export function selectionList<T extends { id: string }>(sel: ListSelection<T>, move: (delta: number) => void = (d) => sel.move(d)): ListControl {
  return { move: (_ctx, delta) => move(delta), open: () => sel.toggleOpen() };
}
