import { SocdeckError } from '../../shared/errors.js';
import type { Asset } from '../../shared/intel.js';
import type { AuditEntry } from '../../shared/triage.js';
import { audited } from '../audit/audit-log.js';
import type { RpcRegistry } from '../module.js';
import type { Store } from '../store/store.js';
import { COLL } from './feeds/vuln-record.js';
import type { IntelService } from './intel-service.js';
import { inventoryHistory } from './inventory/inventory-store.js';

/** The intel methods of the wire protocol; analyst actions carry session.actor. */
export function registerIntelMethods(rpc: RpcRegistry, intel: IntelService, store: Store, now: () => number): void {
  const audit = <T>(actor: string, action: string, target: AuditEntry['target'] | ((r: T) => AuditEntry['target']), run: () => Promise<T>, after: (r: T) => Record<string, unknown>) =>
    audited(store, now, { actor, action, target }, run, after);
  rpc.register('intel.status', () => intel.status());
  rpc.register('intel.import', ({ path }, s) =>
    audit(
      s.actor,
      'intel.import',
      { kind: 'feed', id: path },
      () => intel.importFeeds(path),
      (r) => ({ added: r.added, updated: r.updated, errors: r.errors.length }),
    ),
  );
  rpc.register('intel.poll', ({ feed }, s) =>
    audit(
      s.actor,
      'intel.poll',
      { kind: 'feed', id: feed },
      async () => ({ feed, result: await intel.pollFeed(feed, new AbortController().signal) }),
      (r) => ({ result: r.result }),
    ),
  );
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
  const inventoryChange = (r: { asset: { id: string; packages: number }; change?: { added: unknown[]; removed: unknown[]; changed: unknown[] } }) => ({
    packages: r.asset.packages,
    ...(r.change ? { added: r.change.added.length, removed: r.change.removed.length, changed: r.change.changed.length } : {}),
  });
  // Without an asset the collection names one itself (config, else the host name): the entry names what it chose.
  rpc.register('inventory.collect', (params, s) =>
    audit(
      s.actor,
      'inventory.collect',
      (r) => ({ kind: 'asset', id: r.asset.id }),
      () => intel.collectLocalInventory(params?.asset),
      inventoryChange,
    ),
  );
  rpc.register('inventory.import', ({ path, asset, customer, exposure }, s) =>
    audit(s.actor, 'inventory.import', { kind: 'asset', id: asset }, () => intel.importInventory(path, asset, customer ?? 'default', exposure ?? 'unknown'), inventoryChange),
  );
  rpc.register('advisories.list', (q) => intel.advisories.list(q ?? {}));
  rpc.register('advisories.get', ({ id }) => intel.advisories.get(id));
  rpc.register('advisories.review', ({ id, rev }, s) => intel.advisories.transition(id, 'review', s.actor, { ...(rev !== undefined ? { rev } : {}) }));
  rpc.register('advisories.publish', ({ id, rev }, s) => intel.advisories.transition(id, 'publish', s.actor, { ...(rev !== undefined ? { rev } : {}) }));
  rpc.register('advisories.dismiss', ({ id, rev, reason }, s) => intel.advisories.transition(id, 'dismiss', s.actor, { reason, ...(rev !== undefined ? { rev } : {}) }));
}
