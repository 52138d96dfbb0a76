import type { StoreOp } from '../types.js';

/** Extra names an op claims beyond its (coll, id), e.g. an alert's dedup key: two members claiming one conflict. */
export type ClaimsOf = (op: StoreOp) => readonly string[];

export const noClaims: ClaimsOf = () => [];

export function itemKey(coll: string, id: string): string {
  return `${coll}\u0000${id}`;
}

export function splitItemKey(key: string): [coll: string, id: string] {
  const i = key.indexOf('\u0000');
  return [key.slice(0, i), key.slice(i + 1)];
}

export function claimKey(claim: string): string {
  return `\u0001${claim}`;
}

/** Every value an entry writes (as item keys, in first-touch order) and the claims it makes. */
export function entryKeys(ops: readonly StoreOp[], claims: ClaimsOf): { items: string[]; claims: string[] } {
  const items = new Set<string>();
  const claimed: string[] = [];
  for (const op of ops) {
    if (op.op === 'patch') for (const row of op.rows) items.add(itemKey(op.coll, row[0] as string));
    else items.add(itemKey(op.coll, op.id));
    for (const c of claims(op)) claimed.push(claimKey(c));
  }
  return { items: [...items], claims: claimed };
}
