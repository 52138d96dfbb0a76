import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ALERTS, ASSETS, CORRELATION_WINDOWS } from '../collections.js';
import { DEMO_ACTOR, DEMO_CUSTOMER, DEMO_INTEL_ASSET, DEMO_SCAN_ASSET } from '../demo-switch.js';
import { DEMO_LEAK_REPO_DIR } from '../leaks/demo-repo.js';
import { ReportArchive } from '../reports/archive.js';
import type { Store, StoreOp } from '../store/store.js';

/** Deletes per commit, so a big demo history never makes one huge journal entry. */
const OPS_PER_COMMIT = 5000;

type Row = { customer?: unknown; source?: unknown; actor?: unknown; target?: unknown; asset?: unknown };

const DEMO_ASSETS: readonly unknown[] = [DEMO_SCAN_ASSET, DEMO_INTEL_ASSET];

/**
 * What marks a row as the demo's: its customer (every demo alert, incident, case, finding, scan,
 * advisory, leak, clock and inventory carries `demo`), the demo source (its quarantine), the demo
 * identity (its audit entries and runs), the demo assets and leak scans of the demo repository.
 * Correlation windows name no customer when they span customers; they go with their alerts.
 */
function isDemoRow(coll: string, id: string, v: Row, repo: string): boolean {
  if (v.customer === DEMO_CUSTOMER || v.source === 'demo' || v.actor === DEMO_ACTOR) return true;
  if (DEMO_ASSETS.includes(v.asset) || (coll === ASSETS && DEMO_ASSETS.includes(id))) return true;
  return id.includes(repo) || (typeof v.target === 'string' && v.target.startsWith(repo));
}

/**
 * Removes everything a demo run left in this data dir (rows, the leak repository, reports), for a
 * daemon started with the demo off; it runs before any service loads the store into memory.
 */
export async function purgeDemo(store: Store, dataDir: string): Promise<{ rows: number; reports: number }> {
  const repo = join(dataDir, DEMO_LEAK_REPO_DIR);
  const ops: StoreOp[] = [];
  const alerts = new Set<string>();
  for (const coll of store.collections()) {
    for (const [id, v] of store.entries<unknown>(coll)) {
      if (typeof v !== 'object' || v === null || !isDemoRow(coll, id, v as Row, repo)) continue;
      ops.push({ op: 'del', coll, id });
      if (coll === ALERTS) alerts.add(id);
    }
  }
  for (const [id, w] of store.entries<{ events?: { id: string }[] }>(CORRELATION_WINDOWS)) {
    if (w.events?.length && w.events.every((e) => alerts.has(e.id))) ops.push({ op: 'del', coll: CORRELATION_WINDOWS, id });
  }
  for (let i = 0; i < ops.length; i += OPS_PER_COMMIT) await store.commit(ops.slice(i, i + OPS_PER_COMMIT));
  rmSync(repo, { recursive: true, force: true });
  const reports = new ReportArchive(dataDir).dropCustomer(DEMO_CUSTOMER);
  return { rows: ops.length, reports };
}
