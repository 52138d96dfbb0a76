import { hostname } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Advisory, Asset, Exposure, IntelStatus } from '../../shared/intel.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { buildAdvisories } from './advisories/advisory-builder.js';
import { AdvisoryService } from './advisories/advisory-service.js';
import { FeedPoller } from './feeds/feed-poller.js';
import { importFeedPath } from './feeds/offline-import.js';
import { COLL, type KevEntry, type VulnRecord } from './feeds/vuln-record.js';
import type { IntelConfig } from './intel-config.js';
import { collectLocal, collectSsh } from './inventory/collectors.js';
import { readInventoryFile } from './inventory/import-inventory.js';
import { saveInventory } from './inventory/inventory-store.js';
import type { CollectedInventory } from './inventory/package-lists.js';
import { buildCpeIndex, matchCpe } from './cpe-matcher.js';
import { buildVulnIndex, matchAssets } from './matcher.js';

export interface IntelDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  log: Logger;
  config: IntelConfig;
  dataDir: string;
}

type LastMatch = NonNullable<IntelStatus['lastMatch']>;

/** Ties feeds, inventory, matcher and advisories together; the RPC layer and the scheduler call it. */
export class IntelService {
  readonly poller: FeedPoller;
  readonly advisories: AdvisoryService;
  private lastMatch: LastMatch | undefined;
  private matching: Promise<LastMatch & { created: number; updated: number; versionErrors: number }> | undefined;

  constructor(private readonly deps: IntelDeps) {
    this.poller = new FeedPoller({ store: deps.store, clock: deps.clock, log: deps.log.child('feeds'), config: deps.config, onChanged: () => {} });
    const reportsDir = isAbsolute(deps.config.advisories.reportsDir) ? deps.config.advisories.reportsDir : join(deps.dataDir, deps.config.advisories.reportsDir);
    this.advisories = new AdvisoryService(deps.store, deps.bus, deps.clock, reportsDir);
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  /** Matches all inventory against all feed records; concurrent callers share one run. */
  match(): Promise<LastMatch & { created: number; updated: number; versionErrors: number }> {
    this.matching ??= this.runMatch().finally(() => (this.matching = undefined));
    return this.matching;
  }

  private async runMatch() {
    const { store, config, log } = this.deps;
    const t0 = performance.now();
    const index = buildVulnIndex(store.values<VulnRecord>(COLL.vulns));
    const assets = store.values<Asset>(COLL.assets);
    const result = matchAssets(assets, index);
    if (config.match.cpe) result.matches.push(...matchCpe(assets, buildCpeIndex(store.values<VulnRecord>(COLL.vulns))));
    const byCve = new Map<string, VulnRecord[]>();
    for (const r of store.values<VulnRecord>(COLL.vulns)) {
      if (!r.cve) continue;
      const list = byCve.get(r.cve) ?? [];
      list.push(r);
      byCve.set(r.cve, list);
    }
    const contents = buildAdvisories(result.matches, {
      kev: (cve) => store.get<KevEntry>(COLL.kev, cve),
      recordsForCve: (cve) => byCve.get(cve) ?? [],
      asset: (id) => store.get<Asset>(COLL.assets, id),
    });
    const { created, updated } = await this.advisories.sync(contents, config.advisories.minSeverity);
    const durationMs = Math.round(performance.now() - t0);
    if (result.versionErrors.count > 0) log.warn('unreadable installed versions skipped', { count: result.versionErrors.count, first: result.versionErrors.examples[0] ?? '' });
    log.info('intel match', { packages: result.packagesChecked, hits: result.matches.length, created: created.length, updated, durationMs });
    this.lastMatch = { at: this.now(), hits: result.matches.length, advisories: contents.length, durationMs };
    return { ...this.lastMatch, created: created.length, updated, versionErrors: result.versionErrors.count };
  }

  async importFeeds(path: string) {
    const summary = await importFeedPath(this.deps.store, path);
    if (summary.added + summary.updated > 0) await this.match();
    return summary;
  }

  async pollFeed(name: 'kev' | 'nvd' | 'osv', signal: AbortSignal): Promise<string> {
    const before = this.deps.store.seq;
    const result = await this.poller.poll(name, signal);
    // The poll wrote more than its own status record: records changed, so match again.
    if (this.deps.store.seq > before + 1) await this.match();
    return result;
  }

  private async saveCollected(id: string, customer: string, exposure: Exposure, collector: string, c: Pick<CollectedInventory, 'os' | 'packages'>, skipped: string[]) {
    const asset: Asset = { id, customer, host: id, ...(c.os ? { os: c.os } : {}), exposure, collector, collectedAt: this.now(), packages: c.packages };
    const change = await saveInventory(this.deps.store, asset, this.deps.config.inventory.historyLimit);
    if (change) await this.match();
    const { packages, ...rest } = asset;
    return { asset: { ...rest, packages: packages.length }, skipped: skipped.slice(0, 200), ...(change ? { change } : {}) };
  }

  async collectLocalInventory(assetId?: string, signal?: AbortSignal) {
    const cfg = this.deps.config.inventory.local;
    const c = await collectLocal(this.deps.config.inventory.sshTimeoutMs, signal);
    return this.saveCollected(
      assetId ?? cfg.asset ?? hostname(),
      cfg.customer,
      cfg.exposure,
      `local:${c.manager}`,
      c,
      c.skipped.map((s) => `line ${s.line}: ${s.text}`),
    );
  }

  async collectSshInventories(signal: AbortSignal): Promise<void> {
    const errors: string[] = [];
    for (const t of this.deps.config.inventory.ssh) {
      try {
        const c = await collectSsh(t, this.deps.config.inventory.sshTimeoutMs, signal);
        await this.saveCollected(t.asset, t.customer, t.exposure, `ssh:${c.manager}`, c, []);
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
    }
    if (errors.length > 0) throw new Error(errors.join('; '));
  }

  async importInventory(path: string, assetId: string, customer: string, exposure: Exposure) {
    const inv = readInventoryFile(path);
    return this.saveCollected(assetId, customer, exposure, `import:${inv.kind}`, { os: inv.os, packages: inv.packages }, inv.skipped);
  }

  status(): IntelStatus {
    const { store } = this.deps;
    const assets = store.values<Asset>(COLL.assets);
    const advisories: Record<string, number> = {};
    for (const a of store.values<Advisory>(COLL.advisories)) advisories[a.state] = (advisories[a.state] ?? 0) + 1;
    return {
      feeds: this.poller.status(),
      records: { kev: store.count(COLL.kev), vulns: store.count(COLL.vulns) },
      assets: assets.length,
      packages: assets.reduce((n, a) => n + a.packages.length, 0),
      advisories,
      ...(this.lastMatch ? { lastMatch: this.lastMatch } : {}),
    };
  }
}
