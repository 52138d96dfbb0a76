import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../module.js';
import type { Intake, IncomingRecord, IngestResult } from '../intake.js';
import { setImmediate as turn } from 'node:timers/promises';
import { bodySlices, type BodyCaps } from './body-records.js';
import { PartialBodies } from './partial-bodies.js';
import type { WebhookSourceConfig } from './ingest-config.js';
import type { SourceReporter } from './source-reporter.js';

const PREFIX = '/ingest/';

/**
 * Records per webhook slice: small enough that parsing and applying one (tens of milliseconds at
 * worst on a loaded 2-core host) keeps `/healthz` within 100 ms, large enough that a slice's
 * journal line and fsync stay a small part of its cost. A body of at most this many records is
 * committed in one journal entry, so its 503 means nothing was stored.
 */
export const WEBHOOK_SLICE_RECORDS = 100;

export interface WebhookSource {
  cfg: WebhookSourceConfig;
  reporter: SourceReporter;
  /** Bodies are raw log lines for a Sigma detector (see BodyCaps.lines). */
  lines?: boolean;
}

function reply(res: ServerResponse, status: number, body: Record<string, unknown>, close = false): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) }).end(JSON.stringify(body));
}

/** Reads at most `cap` bytes; undefined when the body is larger (the caller answers 413). */
function readBody(req: IncomingMessage, cap: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > cap) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > cap) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function sourceName(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * `POST /ingest/<source>` (the server has checked the Bearer token). 202 only after the journal
 * fsync of the body's last slice; 400 lists each rejected record (those are quarantined, the
 * others are stored, so a sender must not resend the whole batch); 413 over the source's body
 * cap; 503 when the journal failed, naming the first record not stored (`storedBefore`). A
 * retry of the whole body after such a 503 stores only the records not stored yet.
 */
export function webhookRoute(sources: ReadonlyMap<string, WebhookSource>, intake: Intake, caps: BodyCaps, partials = new PartialBodies()): HttpRoute {
  return async (req, res, url) => {
    if (!url.pathname.startsWith(PREFIX)) return false;
    const name = sourceName(url.pathname.slice(PREFIX.length));
    if (name === undefined) {
      reply(res, 400, { error: 'invalid_params', message: 'the source name in the path is not valid percent-encoded UTF-8' });
      return true;
    }
    const src = sources.get(name);
    if (!src) {
      reply(res, 404, { error: 'not_found', message: `no webhook source "${name}" (configured: ${[...sources.keys()].join(', ') || 'none'})` });
      return true;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      reply(res, 405, { error: 'method_not_allowed', message: 'use POST' });
      return true;
    }
    const body = await readBody(req, src.cfg.maxBodyBytes);
    if (!body) {
      reply(res, 413, { error: 'too_large', message: `body over the ${src.cfg.maxBodyBytes}-byte cap of source ${name}` }, true);
      return true;
    }
    const { key, skip } = partials.lookup(name, body);
    const slices = await ingestSlices(intake, name, bodySlices(body, `webhook:${name}`, src.lines ? { ...caps, lines: true } : caps), { format: src.cfg.format, customer: src.cfg.customer, skip });
    partials.settle(name, body, key, slices.storedBefore, slices.error === undefined);
    if (slices.records === 0) {
      reply(res, 400, {
        error: 'invalid_params',
        message: src.lines ? 'empty body: send raw log lines, one per line' : 'empty body: send a JSON object, a JSON array or NDJSON',
        accepted: 0,
        rejected: [],
      });
      return true;
    }
    const { result: r, origins, storedBefore, error } = slices;
    src.reporter.counted(r.accepted);
    const rejected = r.rejected.map((x) => ({ index: x.index, origin: origins.get(x.index), reason: x.reason }));
    if (error === undefined) {
      reply(res, rejected.length ? 400 : 202, { accepted: r.accepted, skipped: r.skipped, alertIds: r.alertIds, rejected, ...(skip > 0 ? { alreadyStored: skip } : {}) });
      return true;
    }
    src.reporter.set('error', error);
    if (storedBefore === skip) {
      const earlier = skip > 0 ? ` (records 0..${skip - 1} were stored by an earlier request and will not be stored twice)` : '';
      reply(res, 503, {
        error: 'internal',
        message: `could not journal the records (disk full or failing); nothing more was stored${earlier}, send them again`,
        ...(skip > 0 ? { storedBefore: skip } : {}),
      });
      return true;
    }
    // Earlier slices are durable: the sender resends from the first record that was not stored.
    reply(res, 503, {
      error: 'internal',
      message: `could not journal the records (disk full or failing); records 0..${storedBefore - 1} were stored, nothing from index ${storedBefore} on: send those again (or the whole body: the stored ones are not stored twice)`,
      storedBefore,
      accepted: r.accepted,
      skipped: r.skipped,
      alertIds: r.alertIds,
      rejected,
    });
    return true;
  };
}

interface SlicedIngest {
  records: number;
  result: IngestResult;
  /** Origins of rejected records only: the reply names them, nothing else needs them kept. */
  origins: Map<number, string | undefined>;
  /** Records in the slices that reached the disk before the failure. */
  storedBefore: number;
  error?: unknown;
}

/**
 * Parses and commits a body slice by slice, the event loop turning between slices so a large
 * body does not hold up `/healthz` or other clients. Each slice's commit is applied in memory at
 * once and made durable in the journal's order; the caller replies after the last is durable.
 * When a write fails, the store takes back that commit and every later one, so the slices before
 * the first failure are exactly what was stored.
 */
async function ingestSlices(intake: Intake, source: string, slices: Iterable<IncomingRecord[]>, opts: { format: string; customer?: string; skip: number }): Promise<SlicedIngest> {
  const pending: { offset: number; size: number; done: Promise<IngestResult> }[] = [];
  const origins = new Map<number, string | undefined>();
  let records = 0;
  for (const whole of slices) {
    // Records an earlier, partly failed request already stored are left out; indexes stay the body's.
    const drop = Math.min(whole.length, Math.max(0, opts.skip - records));
    const offset = records + drop;
    records += whole.length;
    const slice = drop > 0 ? whole.slice(drop) : whole;
    if (slice.length === 0) continue;
    const done = intake.ingest(source, slice, { format: opts.format, ...(opts.customer !== undefined ? { customer: opts.customer } : {}) });
    done.then((r) => r.rejected.forEach((x) => origins.set(offset + x.index, slice[x.index]?.origin))).catch(() => {});
    pending.push({ offset, size: slice.length, done });
    await turn();
  }
  const result: IngestResult = { accepted: 0, skipped: 0, alertIds: [], rejected: [] };
  const settled = await Promise.allSettled(pending.map((p) => p.done));
  const failedAt = settled.findIndex((s) => s.status === 'rejected');
  const kept = failedAt < 0 ? settled : settled.slice(0, failedAt);
  kept.forEach((s, i) => {
    const r = (s as PromiseFulfilledResult<IngestResult>).value;
    const offset = pending[i]!.offset;
    result.accepted += r.accepted;
    result.skipped += r.skipped;
    result.alertIds.push(...r.alertIds);
    for (const x of r.rejected) result.rejected.push({ index: offset + x.index, reason: x.reason });
  });
  if (failedAt < 0) return { records, result, origins, storedBefore: records };
  return { records, result, origins, storedBefore: pending[failedAt]!.offset, error: (settled[failedAt] as PromiseRejectedResult).reason };
}
