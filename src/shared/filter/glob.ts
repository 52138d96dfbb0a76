const cache = new Map<string, RegExp>();
const CACHE_MAX = 256;

/** Case-insensitive shell-style glob (`*`, `?`); without wildcards it is an exact match. */
export function globMatcher(pattern: string): (value: string | undefined) => boolean {
  const lower = pattern.toLowerCase();
  if (!/[*?]/.test(lower)) return (v) => v !== undefined && v.toLowerCase() === lower;
  let re = cache.get(lower);
  if (!re) {
    const body = lower
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(lower, re);
  }
  const compiled = re;
  return (v) => v !== undefined && compiled.test(v.toLowerCase());
}
