import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder at or above `fromUrl` holding a package.json. Code runs from src/ (tsx),
 * from dist/ (tsc) and from the CLI bundle's chunks (esbuild), each at its own depth, so a
 * fixed number of `..` would be right for one of them only.
 */
export function packageRootOf(fromUrl: string): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = resolve(dir, '..');
    if (up === dir) throw new Error(`no package.json at or above ${fileURLToPath(fromUrl)}`);
    dir = up;
  }
}
