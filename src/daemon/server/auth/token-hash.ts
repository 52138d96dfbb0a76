import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';

const KEY_BYTES = 32;

function scryptAsync(secret: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, KEY_BYTES, (err, key) => (err ? reject(err) : resolve(key))));
}

/** What the daemon keeps of a token: a random salt and the scrypt hash, both hex. */
export interface TokenHash {
  salt: string;
  hash: string;
}

/**
 * Tokens read `sdk_<id>_<secret>`: the id finds the one stored hash to check, so a lookup costs
 * one scrypt rather than one per user, and the id alone opens nothing.
 */
export function newToken(): { id: string; token: string; secret: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `sdk_${id}_${secret}` };
}

export function splitToken(token: string): { id: string; secret: string } | undefined {
  const m = /^sdk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export async function hashSecret(secret: string): Promise<TokenHash> {
  const salt = randomBytes(16);
  return { salt: salt.toString('hex'), hash: (await scryptAsync(secret, salt)).toString('hex') };
}

export async function secretMatches(stored: TokenHash, secret: string): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'hex');
  const given = await scryptAsync(secret, Buffer.from(stored.salt, 'hex'));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
