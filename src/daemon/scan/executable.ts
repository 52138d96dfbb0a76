import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The full path of an installed program, looked up without a shell. `extraDirs` covers
 * programs that live outside a non-root PATH (sshd sits in /usr/sbin).
 */
export function findExecutable(name: string, extraDirs: readonly string[] = []): string | undefined {
  if (!/^[\w.+-]+$/.test(name)) return undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter((d) => d.startsWith('/'));
  for (const dir of dirs) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // Not in this directory: try the next one.
    }
  }
  return undefined;
}
