/**
 * Sigma plain values: `*` and `?` are wildcards, `\*` `\?` `\\` their literal selves, a backslash
 * before anything else is a literal backslash; matching is case-insensitive unless `cased`.
 */
export function wildcardRegExp(value: string, opts: { prefix?: boolean; suffix?: boolean; cased?: boolean } = {}): RegExp {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const n = value[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        out += escapeRegex(n);
        i++;
      } else out += '\\\\';
    } else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += escapeRegex(c);
  }
  return new RegExp(`${opts.prefix ? '' : '^'}${out}${opts.suffix ? '' : '$'}`, opts.cased ? 's' : 'is');
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Escapes a literal (a transformed value such as base64 output) so it matches only itself. */
export function literalPattern(value: string): string {
  return value.replace(/[*?\\]/g, '\\$&');
}
