import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSETS } from '../../collections.js';
import type { Asset } from '../../scan/assets.js';
import type { Store, StoreOp } from '../../store/store.js';
import { CLOUD_ACCOUNTS } from '../../collections.js';
import { accountState, CallLedger, type CloudAccountState, type TencentAccount } from './accounts.js';
import { InventoryCollector, type AccessKeyRef } from './inventory/collect.js';

/** Where the last sync's facts of every account are kept, as socdeck facts files `assess run` reads. */
export const CLOUD_FACTS_DIR = 'cloud-facts';

export function cloudFactsDir(dataDir: string): string {
  return join(dataDir, CLOUD_FACTS_DIR);
}

export interface SyncOutcome {
  state: CloudAccountState;
  problems: string[];
  counts: Record<string, number>;
  keys: AccessKeyRef[];
}

/**
 * One inventory sync: facts to `<data-dir>/cloud-facts/tencent-<account>.json` (written whole,
 * then renamed), CVM instances as assets, and the account's status, journalled together.
 * Assets are replaced only when DescribeInstances answered: a refused call must not empty them.
 */
export async function syncTencentAccount(store: Store, dataDir: string, account: TencentAccount, now: () => number, signal: AbortSignal): Promise<SyncOutcome> {
  const { cfg } = account;
  const ledger = new CallLedger();
  const inv = await new InventoryCollector(account, ledger, signal).collect();
  const at = new Date(now()).toISOString();
  const dir = cloudFactsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `tencent-${cfg.name}.json`);
  writeFileSync(
    `${file}.tmp`,
    JSON.stringify({ socdeck_facts: 1, account: cfg.name, customer: cfg.customer, collectedAt: at, facts: inv.facts.map((f) => ({ kind: f.kind, ...f.data, origin: f.origin })) }) + '\n',
    { mode: 0o600 },
  );
  renameSync(`${file}.tmp`, file);

  const ops: StoreOp[] = [];
  if (ledger.ok.has('cvm:DescribeInstances') && !ledger.failed.has('cvm:DescribeInstances')) {
    const keep = new Set(inv.assets.map((a) => a.name));
    for (const old of store.values<Asset>(ASSETS)) if (old.owner === `tencent:${cfg.name}` && !keep.has(old.name)) ops.push({ op: 'del', coll: ASSETS, id: old.name });
    for (const a of inv.assets) ops.push({ op: 'put', coll: ASSETS, id: a.name, value: a });
  }
  const state = ledger.apply(accountState(store, cfg), at, 'sync');
  ops.push({ op: 'put', coll: CLOUD_ACCOUNTS, id: cfg.name, value: state });
  await store.commit(ops);
  return { state, problems: ledger.messages(cfg.name), counts: inv.counts, keys: inv.keys };
}
