import { z } from 'zod';
import { SocdeckError } from './errors.js';

/**
 * Keyset paging for the list methods: a list asked with `page` walks its collection in a stable
 * order (the record id) instead of its display order, `limit` rows (and at most the client's
 * reply byte budget) at a time. The answer's `next` is an opaque cursor naming the last row
 * sent; a row added or changed meanwhile is neither lost nor sent twice, since the cursor is a
 * key, not an offset. No `next`: the walk is done.
 */
export const PageParam = z.object({ cursor: z.string().max(512).optional() });
export type PageParam = z.infer<typeof PageParam>;

/** What a paged list answers besides its rows and total. */
export const PageResult = { next: z.string().optional() };

const CURSOR_VERSION = 'k1';

export function encodeCursor(lastKey: string): string {
  return Buffer.from(`${CURSOR_VERSION}:${lastKey}`, 'utf8').toString('base64url');
}

/** The key a cursor resumes after; a cursor this daemon did not make is refused by name. */
export function decodeCursor(cursor: string, field = 'page.cursor'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${CURSOR_VERSION}:`;
  if (!text.startsWith(prefix) || encodeCursor(text.slice(prefix.length)) !== cursor) {
    throw new SocdeckError('invalid_params', `${field}: not a cursor this daemon issued (pass back the \`next\` of the previous page)`);
  }
  return text.slice(prefix.length);
}
