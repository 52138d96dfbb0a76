import type { Store, StoreOp } from '../../store/store.js';
import type { FeedContent } from './feed-document.js';
import { COLL } from './vuln-record.js';

export interface IngestCounts {
  added: number;
  updated: number;
  unchanged: number;
}

const OPS_PER_COMMIT = 500;

/**
 * Upserts KEV entries and vulnerability records. A record equal to what is stored is not
 * written at all, so importing the same feed twice leaves the store (and its journal) as it was.
 */
export async function ingestFeedContent(store: Store, content: FeedContent, counts: IngestCounts = { added: 0, updated: 0, unchanged: 0 }): Promise<IngestCounts> {
  const ops: StoreOp[] = [];
  const consider = (coll: string, id: string, value: unknown) => {
    const existing = store.get<unknown>(coll, id);
    if (existing !== undefined && JSON.stringify(existing) === JSON.stringify(value)) {
      counts.unchanged++;
      return;
    }
    if (existing === undefined) counts.added++;
    else counts.updated++;
    ops.push({ op: 'put', coll, id, value });
  };
  for (const k of content.kev) consider(COLL.kev, k.cveID, k);
  for (const r of content.records) consider(COLL.vulns, r.key, r);
  for (let i = 0; i < ops.length; i += OPS_PER_COMMIT) await store.commit(ops.slice(i, i + OPS_PER_COMMIT));
  return counts;
}
