import type { FeedName, FeedStatus } from '../../../shared/intel.js';
import type { Store } from '../../store/store.js';
import { COLL } from './vuln-record.js';

/** What the store keeps per feed: the wire status plus HTTP validators per downloaded URL. */
export interface FeedStateRecord extends FeedStatus {
  validators: Record<string, { etag?: string; lastModified?: string }>;
}

export function readFeedState(store: Store, name: FeedName, url: string, enabled: boolean): FeedStateRecord {
  const s = store.get<FeedStateRecord>(COLL.feeds, name);
  return s ? { ...s, url, enabled, validators: { ...s.validators } } : { name, url, enabled, records: 0, validators: {} };
}

export async function writeFeedState(store: Store, state: FeedStateRecord): Promise<void> {
  await store.commit([{ op: 'put', coll: COLL.feeds, id: state.name, value: state }]);
}

/** The wire form: validators of every URL are internal, the main URL's ETag is shown. */
export function toFeedStatus(s: FeedStateRecord): FeedStatus {
  const { validators, ...status } = s;
  const main = validators[s.url];
  return { ...status, ...(main?.etag ? { etag: main.etag } : {}), ...(main?.lastModified ? { lastModified: main.lastModified } : {}) };
}
