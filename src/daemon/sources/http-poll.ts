import got from 'got';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { IncomingRecord, Intake } from '../intake.js';
import type { HttpPollSourceConfig } from './ingest-config.js';
import type { SourceReporter } from './source-reporter.js';
import { SOURCE_CURSORS } from '../collections.js';

export interface PollCursor {
  source: string;
  /** The `sort` values of the last hit journalled; the next page starts after it. */
  after: unknown[];
  at: string;
}

interface SearchHit {
  _id?: string;
  _index?: string;
  _source?: unknown;
  sort?: unknown[];
}

export interface HttpPollDeps {
  cfg: HttpPollSourceConfig;
  intake: Intake;
  store: Store;
  log: Logger;
  reporter: SourceReporter;
  now: () => number;
}

/**
 * Polls an Elasticsearch / OpenSearch / Wazuh indexer `_search` API, paging with search_after on
 * (timestamp, tie-breaker). The cursor is journalled in the same commit as the page it ends, so a
 * crash between pages neither skips nor repeats hits. got retries transient failures with
 * backoff; the scheduler backs off further when a whole run fails.
 */
export class HttpPoll {
  constructor(private readonly d: HttpPollDeps) {}

  private get cursorId(): string {
    return this.d.cfg.name;
  }

  private body(after: unknown[] | undefined): Record<string, unknown> {
    const { cfg } = this.d;
    const [timeField] = cfg.sort;
    const filter: unknown[] = [];
    if (!after) filter.push({ range: { [timeField!]: { gte: new Date(this.d.now() - cfg.lookbackMinutes * 60_000).toISOString() } } });
    if (cfg.query) filter.push(cfg.query);
    return {
      size: cfg.pageSize,
      sort: cfg.sort.map((f) => ({ [f]: 'asc' })),
      query: { bool: { filter } },
      ...(after ? { search_after: after } : {}),
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    const { cfg } = this.d;
    const password = cfg.auth ? process.env[cfg.auth.passwordEnv] : undefined;
    if (cfg.auth && password === undefined) throw new Error(`source ${cfg.name}: environment variable ${cfg.auth.passwordEnv} (auth.passwordEnv) is not set`);
    const url = `${cfg.url.replace(/\/+$/, '')}/${encodeURIComponent(cfg.index).replace(/%2C/g, ',').replace(/%2A/g, '*')}/_search`;
    try {
      for (let page = 0; page < cfg.maxPagesPerRun && !signal.aborted; page++) {
        const after = this.d.store.get<PollCursor>(SOURCE_CURSORS, this.cursorId)?.after;
        const res = await got
          .post(url, {
            json: this.body(after),
            timeout: { request: cfg.timeoutMs },
            retry: { limit: cfg.retries, methods: ['POST'], backoffLimit: 10_000 },
            signal,
            ...(cfg.auth ? { username: cfg.auth.username, password } : {}),
          })
          .json<{ hits?: { hits?: SearchHit[] } }>();
        const hits = res.hits?.hits ?? [];
        if (hits.length === 0) break;
        const last = hits.at(-1)!;
        if (!Array.isArray(last.sort)) throw new Error(`source ${cfg.name}: search hits carry no "sort" values; cannot page with search_after`);
        const records: IncomingRecord[] = hits.map((h) => ({ raw: JSON.stringify(h._source ?? h), value: h, origin: `${h._index ?? cfg.index}/${h._id ?? '?'}` }));
        const cursor: PollCursor = { source: cfg.name, after: last.sort, at: new Date(this.d.now()).toISOString() };
        const r = await this.d.intake.ingest(cfg.name, records, { format: cfg.format, customer: cfg.customer, extraOps: [{ op: 'put', coll: SOURCE_CURSORS, id: this.cursorId, value: cursor }] });
        this.d.reporter.counted(r.accepted);
        if (hits.length < cfg.pageSize) break;
      }
      this.d.reporter.set('running');
    } catch (err) {
      // got's message names the URL, never the credentials.
      this.d.reporter.set('error', err);
      throw err;
    }
  }
}
