import { auditOp } from '../../audit/audit-log.js';
import { ASSETS } from '../../collections.js';
import type { Asset } from '../../scan/assets.js';
import type { Store, StoreOp } from '../../store/store.js';
import type { Discovery } from './domain-exposure.js';

/** Marks an asset an assessment found behind a domain; the assets module keeps these on restart. */
export const DISCOVERED_TAG = 'discovered';

export interface RecordedDiscoveries {
  added: string[];
  updated: string[];
}

/**
 * Puts the addresses found behind a customer's domains into the asset inventory, one asset per
 * customer and address, tagged `discovered` with the domain and names it came from. Addresses an
 * asset of the customer already lists (in the store, or in `configured`: the config's assets a
 * daemon has not published yet) are left alone. Being in the inventory gives no licence to
 * probe: every scan still checks scan.scope first.
 */
export async function recordDiscoveries(store: Store, configured: Asset[], found: Discovery[], customerOf: (domain: string) => string, at: string, actor: string): Promise<RecordedDiscoveries> {
  const assets = new Map(store.values<Asset>(ASSETS).map((a) => [a.name, a]));
  const out: RecordedDiscoveries = { added: [], updated: [] };
  const changed = new Map<string, { before?: Asset; after: Asset }>();
  for (const d of found) {
    const customer = customerOf(d.domain);
    const name = `discovered/${customer}/${d.address}`;
    const current = changed.get(name)?.after ?? assets.get(name);
    if (!current && [...configured, ...assets.values()].some((a) => a.customer === customer && a.hosts.includes(d.address))) continue;
    const tags = [...new Set([...(current?.tags ?? [DISCOVERED_TAG]), `domain:${d.domain}`, `name:${d.name}`])];
    if (current && tags.length === current.tags.length) continue;
    const after: Asset = current ? { ...current, tags } : { name, customer, hosts: [d.address], cidrs: [], domains: [], urls: [], owner: 'assess', business: `found behind ${d.domain}`, tags };
    changed.set(name, { before: changed.get(name)?.before ?? assets.get(name), after });
  }
  const ops: StoreOp[] = [];
  for (const [name, { before, after }] of changed) {
    (before ? out.updated : out.added).push(name);
    ops.push({ op: 'put', coll: ASSETS, id: name, value: after });
    ops.push(
      auditOp({
        at,
        actor,
        action: before ? 'assets.rediscover' : 'assets.discover',
        target: { kind: 'asset', id: name },
        before: before ? { tags: before.tags } : {},
        after: { hosts: after.hosts, tags: after.tags },
      }),
    );
  }
  if (ops.length) await store.commit(ops);
  return out;
}
