import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Expands `*` and `?` in the last path segment only: enough for `/var/log/suricata/eve*.json`,
 * and it keeps a typo from walking the whole disk. Paths without wildcards pass through, even
 * when the file does not exist yet.
 */
export function expandPattern(pattern: string): string[] {
  const abs = resolve(pattern);
  const name = basename(abs);
  if (!/[*?]/.test(name)) return [abs];
  const dir = dirname(abs);
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.filter((e) => re.test(e)).sort().map((e) => join(dir, e));
}
