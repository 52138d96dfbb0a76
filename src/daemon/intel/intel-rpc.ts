import { SocdeckError } from '../../shared/errors.js';
import type { Asset } from '../../shared/intel.js';
import type { RpcRegistry } from '../module.js';
import type { Store } from '../store/store.js';
import { COLL } from './feeds/vuln-record.js';
import type { IntelService } from './intel-service.js';
import { inventoryHistory } from './inventory/inventory-store.js';

/** The intel methods of the wire protocol; analyst actions carry session.actor. */
export function registerIntelMethods(rpc: RpcRegistry, intel: IntelService, store: Store): void {
  rpc.register('intel.status', () => intel.status());
  rpc.register('intel.import', ({ path }) => intel.importFeeds(path));
  rpc.register('intel.poll', async ({ feed }) => ({ feed, result: await intel.pollFeed(feed, new AbortController().signal) }));
  rpc.register('intel.match', async () => {
    const r = await intel.match();
    return { hits: r.hits, created: r.created, updated: r.updated, durationMs: r.durationMs, versionErrors: r.versionErrors };
  });
  rpc.register('inventory.list', (params) => ({
    assets: store
      .values<Asset>(COLL.assets)
      .filter((a) => !params?.customer || a.customer === params.customer)
      .map(({ packages, ...rest }) => ({ ...rest, packages: packages.length })),
  }));
  rpc.register('inventory.get', ({ asset }) => {
    const a = store.get<Asset>(COLL.assets, asset);
    if (!a) throw new SocdeckError('not_found', `no inventory for asset ${asset}`);
    return a;
  });
  rpc.register('inventory.history', ({ asset }) => ({ changes: inventoryHistory(store, asset) }));
  rpc.register('inventory.collect', (params) => intel.collectLocalInventory(params?.asset));
  rpc.register('inventory.import', ({ path, asset, customer, exposure }) => intel.importInventory(path, asset, customer ?? 'default', exposure ?? 'unknown'));
  rpc.register('advisories.list', (q) => intel.advisories.list(q ?? {}));
  rpc.register('advisories.get', ({ id }) => intel.advisories.get(id));
  rpc.register('advisories.review', ({ id, rev }, s) => intel.advisories.transition(id, 'review', s.actor, { ...(rev !== undefined ? { rev } : {}) }));
  rpc.register('advisories.publish', ({ id, rev }, s) => intel.advisories.transition(id, 'publish', s.actor, { ...(rev !== undefined ? { rev } : {}) }));
  rpc.register('advisories.dismiss', ({ id, rev, reason }, s) => intel.advisories.transition(id, 'dismiss', s.actor, { reason, ...(rev !== undefined ? { rev } : {}) }));
}
