import type { Key } from 'ink';
import { complete, runCommand } from './commands.js';
import type { KeyName } from './key-names.js';
import type { ActionContext } from './triage-actions.js';
import type { Prompt } from './view-store.js';

/** Edits the footer prompt: typing, backspace, tab completion, enter and escape. */
export function handlePromptKey(p: Prompt, name: KeyName, input: string, key: Key, ctx: ActionContext): void {
  const { store } = ctx;
  const setText = (text: string) => {
    // The filter applies as you type; a half-typed filter keeps the last good one and shows why.
    const error = p.kind === 'filter' ? store.tryFilter(text)?.message : undefined;
    store.update({ prompt: { ...p, text, error } });
  };
  if (name === 'escape') {
    if (p.kind === 'filter') store.tryFilter(p.previous ?? '');
    return store.update({ prompt: undefined });
  }
  if (name === 'enter') {
    if (p.kind === 'filter') {
      if (p.error) return;
      store.commitFilter();
      return store.update({ prompt: undefined });
    }
    store.update({ prompt: undefined });
    const err = p.kind === 'command' ? runCommand(p.text, ctx) : p.submit?.(p.text);
    if (err === undefined) return;
    // A command error goes to the message line; an input prompt stays open to be fixed.
    if (p.kind === 'command') return store.update({ message: { text: err, level: 'error' } });
    return store.update({ prompt: { ...p, error: err } });
  }
  if (name === 'tab' && p.kind === 'command')
    return setText(
      complete(
        p.text,
        store.getState().savedFilters.map((f) => f.name),
      ),
    );
  if (name === 'backspace') return setText(p.text.slice(0, -1));
  if (input && !key.ctrl && !key.meta && input >= ' ') setText(p.text + input);
}
