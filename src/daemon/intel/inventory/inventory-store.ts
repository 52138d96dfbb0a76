import type { Asset, InventoryChange, InventoryPackage } from '../../../shared/intel.js';
import type { Store, StoreOp } from '../../store/store.js';
import { COLL } from '../feeds/vuln-record.js';

function versionsByPackage(pkgs: InventoryPackage[]): Map<string, string> {
  const m = new Map<string, string[]>();
  for (const p of pkgs) {
    const k = `${p.ecosystem}\u0000${p.name}`;
    const list = m.get(k) ?? [];
    list.push(p.version);
    m.set(k, list);
  }
  return new Map([...m].map(([k, v]) => [k, [...new Set(v)].sort().join(', ')]));
}

/** What changed between two package lists, by (ecosystem, name); several versions of one name count as one entry. */
export function diffPackages(before: InventoryPackage[], after: InventoryPackage[]): Pick<InventoryChange, 'added' | 'removed' | 'changed'> {
  const a = versionsByPackage(before);
  const b = versionsByPackage(after);
  const split = (k: string) => {
    const [ecosystem = '', name = ''] = k.split('\u0000');
    return { ecosystem, name };
  };
  const added = [...b].filter(([k]) => !a.has(k)).map(([k, version]) => ({ ...split(k), version }));
  const removed = [...a].filter(([k]) => !b.has(k)).map(([k, version]) => ({ ...split(k), version }));
  const changed = [...b].filter(([k, v]) => a.has(k) && a.get(k) !== v).map(([k, to]) => ({ ...split(k), from: a.get(k) as string, to }));
  return { added, removed, changed };
}

/**
 * Stores an asset's new inventory with a history record of what changed since the last one.
 * An unchanged inventory only refreshes collectedAt (no history noise); history per asset is
 * capped at `historyLimit`, oldest first out.
 */
export async function saveInventory(store: Store, asset: Asset, historyLimit: number): Promise<InventoryChange | undefined> {
  const previous = store.get<Asset>(COLL.assets, asset.id);
  const diff = diffPackages(previous?.packages ?? [], asset.packages);
  const changedAnything = diff.added.length + diff.removed.length + diff.changed.length > 0;
  const ops: StoreOp[] = [{ op: 'put', coll: COLL.assets, id: asset.id, value: asset }];
  let change: InventoryChange | undefined;
  if (changedAnything || !previous) {
    change = { id: `${asset.id}@${asset.collectedAt}`, asset: asset.id, at: asset.collectedAt, collector: asset.collector, ...diff };
    ops.push({ op: 'put', coll: COLL.inventoryHistory, id: change.id, value: change });
    const history = store
      .values<InventoryChange>(COLL.inventoryHistory)
      .filter((h) => h.asset === asset.id)
      .sort((x, y) => x.at.localeCompare(y.at));
    for (const old of history.slice(0, Math.max(0, history.length + 1 - historyLimit))) ops.push({ op: 'del', coll: COLL.inventoryHistory, id: old.id });
  }
  await store.commit(ops);
  return change;
}

export function inventoryHistory(store: Store, assetId: string): InventoryChange[] {
  return store
    .values<InventoryChange>(COLL.inventoryHistory)
    .filter((h) => h.asset === assetId)
    .sort((x, y) => y.at.localeCompare(x.at));
}
