import picomatch from 'picomatch';
import { SocdeckError } from '../../shared/errors.js';

export interface PathGlob {
  /** The folder to walk: the part before the first segment with a wildcard. */
  base: string;
  /** Tests a path relative to `base`, `/`-separated, as the walker yields it. */
  matches: (rel: string) => boolean;
}

/** True when a CLI argument is a glob (wildcards, classes, braces, extglobs) rather than a plain path. */
export function isGlob(p: string): boolean {
  return picomatch.scan(p).isGlob;
}

/**
 * Splits `src/**\/*.env` into the folder to walk and a picomatch matcher for the paths under it.
 * Dotfiles match (`.env` is what leak scans look for). `posix` makes `[!a]` a negated class as
 * in sh; without it picomatch 4.0.x reads the `!` as a class member (picomatch issue 187).
 * `..` is refused in the wildcard part:
 * the walker never yields it, and a pattern that asks for it means to look outside the root.
 */
export function pathGlob(p: string): PathGlob {
  const { base, glob } = picomatch.scan(p);
  if (glob.split('/').includes('..')) throw new SocdeckError('invalid_params', `${p}: a glob may not use .. after its first wildcard; put the folder before it`, { glob: p });
  return { base: base || (p.startsWith('/') ? '/' : '.'), matches: picomatch(glob, { dot: true, posix: true }) };
}
