import { crc32 as zlibCrc32 } from 'node:zlib';
import type { CHECKSUMS } from './rule-schema.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** CRC-32 of the token body's bytes (GitHub tokens are ASCII, so latin1 is byte for byte). */
export function crc32(s: string): number {
  return zlibCrc32(Buffer.from(s, 'latin1')) >>> 0;
}

export function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's current token format: prefix_ + 30 random base62 chars + 6-char base62 CRC32 of
 * those 30. A token that fails it is a typo, a truncation or an invented example.
 */
function githubCrc32(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

export function checksumValid(kind: (typeof CHECKSUMS)[number], secret: string): boolean {
  switch (kind) {
    case 'github-crc32':
      return githubCrc32(secret);
  }
}
