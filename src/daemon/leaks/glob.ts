/** True when a CLI argument is a glob rather than a plain path. */
export function isGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** Splits `src/**\/*.env` into the folder to walk (`src`) and the pattern for paths under it. */
export function splitGlob(p: string): { base: string; pattern: string } {
  const parts = p.split('/');
  const i = parts.findIndex(isGlob);
  const base = parts.slice(0, i).join('/') || (p.startsWith('/') ? '/' : '.');
  return { base, pattern: parts.slice(i).join('/') };
}

/** `**` spans folders, `*` and `?` stay within one, `[...]` is a character class. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
