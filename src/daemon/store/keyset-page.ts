import { decodeCursor, encodeCursor, type PageParam } from '../../shared/paging.js';

/** A session's reply budget; calls from inside the daemon (no connection) get this. */
export const DEFAULT_REPLY_BYTES = 1024 * 1024;

export function replyBytes(session: { replyBytes?: number }): number {
  return session.replyBytes ?? DEFAULT_REPLY_BYTES;
}

/** A reply's own framing around its rows: envelope, total, cursor. */
const FRAME_OVERHEAD_BYTES = 1024;

export interface KeysetPageOptions<T> {
  page: PageParam;
  limit: number;
  /** The most bytes the rows may take as JSON (the client's reply budget); at least one row is sent. */
  maxBytes: number;
  match: (value: T) => boolean;
}

export interface KeysetPage<T> {
  items: T[];
  /** Every matching row, paged or not. */
  total: number;
  next?: string;
}

/**
 * One page of `values` in id order after the cursor. A single pass keeps only the `limit`
 * smallest ids seen (sorting down whenever twice that many gather), so a page costs one scan of
 * the collection and memory for two pages, whatever the collection's size.
 */
export function keysetPage<T extends { id: string }>(values: Iterable<T>, opts: KeysetPageOptions<T>): KeysetPage<T> {
  const after = opts.page.cursor === undefined ? undefined : decodeCursor(opts.page.cursor);
  const limit = Math.max(1, opts.limit);
  let kept: T[] = [];
  let ceiling: string | undefined;
  let total = 0;
  let more = false;
  for (const v of values) {
    if (!opts.match(v)) continue;
    total++;
    if (after !== undefined && v.id <= after) continue;
    if (ceiling !== undefined && v.id >= ceiling) {
      more = true;
      continue;
    }
    kept.push(v);
    if (kept.length >= 2 * limit) {
      kept = byId(kept);
      ceiling = kept[limit]!.id;
      kept.length = limit;
      more = true;
    }
  }
  kept = byId(kept);
  if (kept.length > limit) {
    kept.length = limit;
    more = true;
  }
  const items = withinBytes(kept, opts.maxBytes - FRAME_OVERHEAD_BYTES);
  if (items.length < kept.length) more = true;
  const last = items.at(-1);
  return { items, total, ...(more && last ? { next: encodeCursor(last.id) } : {}) };
}

function byId<T extends { id: string }>(values: T[]): T[] {
  return values.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function withinBytes<T>(rows: T[], maxBytes: number): T[] {
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(rows[i])) + 1;
    if (bytes > maxBytes && i > 0) return rows.slice(0, i);
  }
  return rows;
}
