import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../module.js';
import type { Intake } from '../intake.js';
import { bodyRecords } from './body-records.js';
import type { WebhookSourceConfig } from './ingest-config.js';
import type { SourceReporter } from './source-reporter.js';

const PREFIX = '/ingest/';

export interface WebhookSource {
  cfg: WebhookSourceConfig;
  reporter: SourceReporter;
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
 * fsync; 400 lists each rejected record (those are quarantined, the others are stored, so a
 * sender must not resend the whole batch); 413 over the source's body cap.
 */
export function webhookRoute(sources: ReadonlyMap<string, WebhookSource>, intake: Intake, caps: { maxLineBytes: number; keepBytes: number }): HttpRoute {
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
    const records = bodyRecords(body, `webhook:${name}`, caps.maxLineBytes, caps.keepBytes);
    if (records.length === 0) {
      reply(res, 400, { error: 'invalid_params', message: 'empty body: send a JSON object, a JSON array or NDJSON', accepted: 0, rejected: [] });
      return true;
    }
    try {
      const r = await intake.ingest(name, records, { format: src.cfg.format, customer: src.cfg.customer });
      src.reporter.counted(r.accepted);
      const rejected = r.rejected.map((x) => ({ index: x.index, origin: records[x.index]?.origin, reason: x.reason }));
      reply(res, rejected.length ? 400 : 202, { accepted: r.accepted, skipped: r.skipped, alertIds: r.alertIds, rejected });
    } catch (err) {
      src.reporter.set('error', err);
      reply(res, 503, { error: 'internal', message: 'could not journal the records; nothing was acknowledged' });
    }
    return true;
  };
}
