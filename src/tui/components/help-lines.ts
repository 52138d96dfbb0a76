import type { BindingSpec } from '../binding-spec.js';

/** Header and footer lines, the overlay's border, its title and its position line. */
const HELP_CHROME_ROWS = 6;

/** Binding lines the `?` overlay shows at once on a terminal this tall. */
export function helpBodyRows(terminalRows: number): number {
  return Math.max(3, terminalRows - HELP_CHROME_ROWS);
}

export type HelpLine = { kind: 'scope'; scope: BindingSpec['scope'] } | { kind: 'binding'; binding: BindingSpec; idWidth: number } | { kind: 'gap' };

/** The overlay's content as lines, so it can show any window of them. */
export function helpLines(groups: readonly { scope: BindingSpec['scope']; bindings: readonly BindingSpec[] }[]): HelpLine[] {
  return groups.flatMap(({ scope, bindings }, i): HelpLine[] => {
    const idWidth = Math.max(...bindings.map((b) => b.id.length));
    return [...(i > 0 ? [{ kind: 'gap' } as const] : []), { kind: 'scope', scope }, ...bindings.map((binding) => ({ kind: 'binding', binding, idWidth }) as const)];
  });
}
