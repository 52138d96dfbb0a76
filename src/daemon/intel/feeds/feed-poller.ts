import type { FeedName, FeedStatus } from '../../../shared/intel.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import { COLL } from './vuln-record.js';
import type { IntelConfig } from '../intel-config.js';
import { parseFeedDocument, parseJsonText, type FeedContent } from './feed-document.js';
import { ingestFeedContent, type IngestCounts } from './feed-ingest.js';
import { readFeedState, toFeedStatus, writeFeedState, type FeedStateRecord } from './feed-state.js';
import { conditionalGet } from './http-fetch.js';
import { parseNvd } from './nvd.js';
import { NVD_DAY_MS, nvdPageUrl, nvdWindows } from './nvd-windows.js';
import { readZip } from './zip-entries.js';

export interface PollerDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  config: IntelConfig;
  env?: NodeJS.ProcessEnv;
  /** Called after a poll changed stored records, so the matcher can run. */
  onChanged: (feed: FeedName) => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });
}

const describeCounts = (c: IngestCounts) => `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged`;

/**
 * Polls KEV, NVD 2.0 and OSV with got and records, per feed, the last attempt, the last
 * success, the last error and the HTTP validators, durably, so the TUI shows them and a
 * restart resumes (NVD from its cursor, every download with its ETag).
 */
export class FeedPoller {
  constructor(private readonly deps: PollerDeps) {}

  private feedUrl(name: FeedName): string {
    return this.deps.config[name].url;
  }

  status(): FeedStatus[] {
    return (['kev', 'nvd', 'osv'] as const).map((n) => toFeedStatus(readFeedState(this.deps.store, n, this.feedUrl(n), this.deps.config[n].enabled)));
  }

  /** One poll of one feed; throws on failure (after recording it) so the scheduler backs off. */
  async poll(name: FeedName, signal: AbortSignal): Promise<string> {
    const { store, clock } = this.deps;
    const state = readFeedState(store, name, this.feedUrl(name), this.deps.config[name].enabled);
    state.lastAttempt = new Date(clock.now()).toISOString();
    const counts: IngestCounts = { added: 0, updated: 0, unchanged: 0 };
    try {
      const result = name === 'kev' ? await this.pollKev(state, counts, signal) : name === 'nvd' ? await this.pollNvd(state, counts, signal) : await this.pollOsv(state, counts, signal);
      state.lastSuccess = new Date(clock.now()).toISOString();
      state.lastResult = result;
      delete state.lastError;
      state.records = store.count(name === 'kev' ? COLL.kev : COLL.vulns);
      await writeFeedState(store, state);
      if (counts.added + counts.updated > 0) this.deps.onChanged(name);
      return result;
    } catch (err) {
      state.lastError = err instanceof Error ? err.message : String(err);
      await writeFeedState(store, state);
      if (counts.added + counts.updated > 0) this.deps.onChanged(name);
      throw err;
    }
  }

  private get(url: string, state: FeedStateRecord, signal: AbortSignal, headers?: Record<string, string>) {
    const v = state.validators[url];
    return conditionalGet({ url, ...v, ...this.deps.config.http, signal, ...(headers ? { headers } : {}) });
  }

  private async pollKev(state: FeedStateRecord, counts: IngestCounts, signal: AbortSignal): Promise<string> {
    const res = await this.get(state.url, state, signal);
    if (res.status === 'not-modified') return 'not modified (304)';
    const content = parseFeedDocument(parseJsonText(res.body.toString('utf8'), state.url), state.url);
    await ingestFeedContent(this.deps.store, content, counts);
    state.validators[state.url] = { ...(res.etag ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) };
    return describeCounts(counts);
  }

  private async pollOsv(state: FeedStateRecord, counts: IngestCounts, signal: AbortSignal): Promise<string> {
    const cfg = this.deps.config.osv;
    let notModified = 0;
    for (const eco of cfg.ecosystems) {
      const url = `${cfg.url.replace(/\/$/, '')}/${encodeURIComponent(eco)}/all.zip`;
      const res = await this.get(url, state, signal);
      if (res.status === 'not-modified') {
        notModified++;
        continue;
      }
      const content: FeedContent = { kev: [], records: [] };
      for await (const entry of readZip(res.body, url)) {
        if (!entry.name.endsWith('.json')) continue;
        const where = `${url}!${entry.name}`;
        content.records.push(...parseFeedDocument(parseJsonText(entry.data.toString('utf8'), where), where).records);
      }
      await ingestFeedContent(this.deps.store, content, counts);
      // Validators are saved only once the archive is ingested: a failed parse is retried in full.
      state.validators[url] = { ...(res.etag ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) };
    }
    return `${describeCounts(counts)}; ${notModified}/${cfg.ecosystems.length} ecosystems not modified`;
  }

  private async pollNvd(state: FeedStateRecord, counts: IngestCounts, signal: AbortSignal): Promise<string> {
    const cfg = this.deps.config.nvd;
    const apiKey = (this.deps.env ?? process.env)[cfg.apiKeyEnv];
    const headers = apiKey ? { apiKey } : undefined;
    const delay = apiKey ? cfg.delayWithKeyMs : cfg.delayMs;
    const now = this.deps.clock.now();
    const from = state.cursor ? Date.parse(state.cursor) : now - cfg.initialDays * NVD_DAY_MS;
    let pages = 0;
    for (const [start, end] of nvdWindows(from, now, cfg.windowDays)) {
      let startIndex = 0;
      for (;;) {
        if (pages >= cfg.maxPagesPerPoll) return `${describeCounts(counts)}; stopped after ${pages} pages, resumes from ${state.cursor ?? 'start'}`;
        if (pages > 0) await sleep(delay, signal);
        const url = nvdPageUrl(cfg.url, start, end, startIndex, cfg.pageSize);
        pages++;
        const res = await conditionalGet({ url, ...this.deps.config.http, signal, ...(headers ? { headers } : {}) });
        if (res.status === 'not-modified') break;
        const page = parseNvd(parseJsonText(res.body.toString('utf8'), url), url);
        await ingestFeedContent(this.deps.store, { kev: [], records: page.records }, counts);
        startIndex += page.records.length;
        if (page.records.length === 0 || startIndex >= page.totalResults) break;
      }
      // The window is complete: the next poll starts where it ended.
      state.cursor = new Date(end).toISOString();
      await writeFeedState(this.deps.store, state);
    }
    return `${describeCounts(counts)}; ${pages} page${pages === 1 ? '' : 's'}`;
  }
}
