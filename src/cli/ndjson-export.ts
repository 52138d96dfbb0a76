import type { Argv } from 'yargs';
import type { SocdeckClient } from '../client/ws-client.js';
import { withClient, type GlobalArgs } from './context.js';

export interface ExportArgs extends GlobalArgs {
  all: boolean;
  'page-size': number;
}

export function exportOptions<T>(y: Argv<T>) {
  return y
    .option('all', { type: 'boolean', default: false, describe: 'Export every matching row as NDJSON (one JSON object a line), paged from the daemon in id order' })
    .option('page-size', { type: 'number', default: 1000, describe: 'Rows asked per page with --all (1-10000; the daemon also caps a page by bytes)' });
}

/** One page of a paged list, as every list method answers it. */
export interface RowPage {
  rows: readonly unknown[];
  next?: string;
}

export interface ExportResult {
  rows: number;
  pages: number;
  /** The reader went away (`| head`): the export stopped there, which is no failure. */
  readerGone: boolean;
}

/**
 * Writes every page as NDJSON, asking for the next page only once the last one has been taken
 * by `out`: memory holds one page whatever the list's size, and a slow reader slows the walk.
 */
export async function writeNdjsonPages(fetchPage: (cursor: string | undefined) => Promise<RowPage>, out: NodeJS.WritableStream): Promise<ExportResult> {
  let broken: NodeJS.ErrnoException | undefined;
  const onError = (err: NodeJS.ErrnoException) => {
    broken ??= err;
  };
  out.on('error', onError);
  let rows = 0;
  let pages = 0;
  let cursor: string | undefined;
  try {
    do {
      const page = await fetchPage(cursor);
      pages++;
      if (page.rows.length > 0 && broken === undefined) {
        const text = `${page.rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
        if (!out.write(text)) await drainedOrBroken(out);
        rows += page.rows.length;
      }
      cursor = page.next;
    } while (cursor !== undefined && broken === undefined);
  } finally {
    // A write still queued when the reader left fails later; that failure is the same EPIPE.
    if (broken?.code !== 'EPIPE') out.off('error', onError);
  }
  if (broken !== undefined && broken.code !== 'EPIPE') throw broken;
  return { rows, pages, readerGone: broken !== undefined };
}

function drainedOrBroken(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('error', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('error', done);
    out.on('close', done);
  });
}

/** `--all`: the command's list streamed to stdout, a count on stderr (stdout stays pure NDJSON). */
export async function exportToStdout(argv: ExportArgs, noun: string, page: (c: SocdeckClient, cursor: string | undefined, limit: number) => Promise<RowPage>): Promise<void> {
  const limit = Math.min(10_000, Math.max(1, Math.trunc(argv['page-size'])));
  const res = await withClient(argv, (c) => writeNdjsonPages((cursor) => page(c, cursor, limit), process.stdout));
  if (!res.readerGone) process.stderr.write(`exported ${res.rows} ${noun} in ${res.pages} pages\n`);
}

/** The `page` param of a list request: the first page has no cursor. */
export function pageParam(cursor: string | undefined): { cursor?: string } {
  return cursor === undefined ? {} : { cursor };
}
