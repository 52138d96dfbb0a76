import { createHash } from 'node:crypto';
import { SocdeckError } from '../../shared/errors.js';
import type { StoreBackend } from './backend.js';
import type { StoreOp } from './types.js';

export interface CollectionDigest {
  name: string;
  count: number;
  /** sha256 over every id and value (as JSON) in order. */
  hash: string;
}

/** Values per commit: big enough to be quick, small enough that one commit is no memory spike. */
const CHUNK = 5000;

export function digestStore(s: StoreBackend): CollectionDigest[] {
  return s
    .collections()
    .filter((name) => s.count(name) > 0)
    .sort()
    .map((name) => {
      const h = createHash('sha256');
      for (const [id, value] of s.entries(name)) h.update(id).update('\0').update(JSON.stringify(value)).update('\n');
      return { name, count: s.count(name), hash: `sha256:${h.digest('hex')}` };
    });
}

/**
 * Copies every collection of `from` into `to`, which must be empty (a copy over live data
 * would merge two histories), in first-put order. Returns the source's digests to check the
 * target against once it is reopened.
 */
export async function copyStore(from: StoreBackend, to: StoreBackend): Promise<CollectionDigest[]> {
  const busy = to.collections().filter((c) => to.count(c) > 0);
  if (busy.length > 0 || to.seq > 0)
    throw new SocdeckError('conflict', `the target store is not empty (${busy.length > 0 ? busy.join(', ') : `${to.seq} journal entries`}); migrate only into an empty one`);
  for (const name of from.collections()) {
    let ops: StoreOp[] = [];
    for (const [id, value] of from.entries(name)) {
      ops.push({ op: 'put', coll: name, id, value });
      if (ops.length >= CHUNK) {
        await to.commit(ops);
        ops = [];
      }
    }
    await to.commit(ops);
  }
  return digestStore(from);
}

/** Names every collection whose count or hash differs between source and reopened target. */
export function compareDigests(source: readonly CollectionDigest[], target: readonly CollectionDigest[]): string[] {
  const t = new Map(target.map((d) => [d.name, d]));
  const problems = source.flatMap((d) => {
    const o = t.get(d.name);
    if (!o) return [`${d.name}: missing in the target`];
    if (o.count !== d.count) return [`${d.name}: ${d.count} values in the source, ${o.count} in the target`];
    return o.hash !== d.hash ? [`${d.name}: content hash differs`] : [];
  });
  for (const d of target) if (!source.some((s) => s.name === d.name)) problems.push(`${d.name}: only in the target`);
  return problems;
}
