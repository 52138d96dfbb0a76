/** A key as the binding table (and `tui.keys` in the config) writes it: `a`, `A`, `?`, `ctrl+f`, or a named key. */
export type KeyName = string;

/** The named keys keyName() produces. */
export const NAMED_KEYS = ['up', 'down', 'left', 'right', 'pgdn', 'pgup', 'home', 'end', 'enter', 'escape', 'tab', 'backspace', 'space'] as const;

/** Terminals send ctrl+h, ctrl+i, ctrl+j and ctrl+m as backspace, tab and enter, so a binding on them could never fire. */
const CTRL_LETTER = /^ctrl\+[a-gk-ln-z]$/;
/** One printable character; a space is written `space`. */
const PRINTABLE = /^[^\p{C}\s]$/u;

type KeyFlag = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageDown' | 'pageUp' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete' | 'ctrl';
/** The flags of Ink's `Key` this reads; written out so the binding table (config validation) loads no Ink. */
export type KeyFlags = Readonly<Record<KeyFlag, boolean>>;

/** Names an Ink keypress the way the table writes keys. */
export function keyName(input: string, key: KeyFlags): KeyName {
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
  if (input === ' ') return 'space';
  return input;
}

/** Whether keyName() can ever produce this spec, i.e. whether a binding on it can fire. */
export function isKeyName(spec: string): boolean {
  return (NAMED_KEYS as readonly string[]).includes(spec) || CTRL_LETTER.test(spec) || PRINTABLE.test(spec);
}

const LABELS: Partial<Record<KeyName, string>> = { space: '␣', escape: 'esc' };

/** How hints show a key: short, and the space bar visible. */
export function keyLabel(key: KeyName): string {
  return LABELS[key] ?? key;
}
