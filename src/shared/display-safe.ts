/**
 * The one sanitiser for text that reaches a human: TUI cells and panes, CLI tables and listings,
 * Markdown/HTML reports and notifications. Alert fields are attacker-controlled (anyone who can
 * make a sensor log a string), and a raw ESC, C1 CSI or OSC in them would let that person clear
 * the analyst's screen, forge rows, plant hyperlinks or write the clipboard (OSC 52). Controls are
 * shown as visible escapes instead of being dropped, so the analyst still sees that they were
 * there. JSON output never goes through here: it must stay byte-exact.
 */

/**
 * C0 controls, DEL, C1 controls (U+0080..U+009F, where U+009B is a one-byte CSI), and the
 * bidirectional formatting characters that reorder what follows them (Trojan Source).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');
/** Line feeds and tabs are layout, not escapes; multi-line panes and report paragraphs keep them. */
const UNSAFE_ALL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function visible(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

export interface DisplaySafeOptions {
  /** Keep `\n` and `\t` (panes, paragraphs); without it every control is escaped (one-line cells). */
  keepLayout?: boolean;
}

/** Shows every control and bidi override of `text` as a visible escape (`\x1b`, `\u202e`). */
export function displaySafe(text: string, opts: DisplaySafeOptions = {}): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(opts.keepLayout ? UNSAFE_ALL_BUT_LAYOUT : UNSAFE_ALL, visible);
}

/** True when `text` would be shown unchanged by displaySafe with the same options. */
export function isDisplaySafe(text: string, opts: DisplaySafeOptions = {}): boolean {
  return displaySafe(text, opts) === text;
}

/**
 * Sanitises every string (values and keys) inside a JSON-shaped value, keeping line layout.
 * Returns the same object when nothing needed a change, so a clean 2,000-alert snapshot costs one
 * regex test per string and no copies.
 */
export function displaySafeDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(v: unknown): unknown {
  if (typeof v === 'string') return displaySafe(v, { keepLayout: true });
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const s = deep(v[i]);
      if (s !== v[i]) (out ??= v.slice())[i] = s;
    }
    return out ?? v;
  }
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    let out: Record<string, unknown> | undefined;
    for (const [k, x] of Object.entries(v)) {
      const sk = displaySafe(k, { keepLayout: true });
      const sx = deep(x);
      if (sk !== k || sx !== x) {
        out ??= { ...(v as Record<string, unknown>) };
        if (sk !== k) delete out[k];
        out[sk] = sx;
      }
    }
    return out ?? v;
  }
  return v;
}
