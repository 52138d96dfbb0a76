import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';

/**
 * Expands wildcards (picomatch: `*`, `?`, classes, braces) in the last path segment only:
 * enough for `/var/log/suricata/eve*.json`, and it keeps a typo from walking the whole disk.
 * `..` is resolved before matching, so nothing outside the named folder is listed. Paths
 * without wildcards pass through, even when the file does not exist yet.
 */
export function expandPattern(pattern: string): string[] {
  const abs = resolve(pattern);
  const name = basename(abs);
  if (!picomatch.scan(name).isGlob) return [abs];
  const dir = dirname(abs);
  // `posix` makes `[!a]` negate, as in sh (picomatch issue 187).
  const matches = picomatch(name, { dot: true, posix: true });
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((e) => matches(e))
    .sort()
    .map((e) => join(dir, e));
}
