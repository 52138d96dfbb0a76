import { SocdeckError } from '../errors.js';

/** A version string that its scheme cannot parse; names the scheme and the value. */
export class VersionParseError extends SocdeckError {
  constructor(
    readonly scheme: string,
    readonly version: string,
    reason: string,
  ) {
    super('invalid_params', `invalid ${scheme} version ${JSON.stringify(version)}: ${reason}`, { scheme, version });
    this.name = 'VersionParseError';
  }
}

/** Normalises a comparison result to -1, 0 or 1. */
export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two digit strings of any length numerically (no Number overflow for 20-digit timestamps). */
export function compareDigits(a: string, b: string): -1 | 0 | 1 {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
