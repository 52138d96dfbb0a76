import type { Finding, ScanRun } from '../../shared/scan.js';
import { SocdeckError } from '../../shared/errors.js';
import { severityRank } from '../../shared/severity.js';
import { auditOp } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { RpcRegistry } from '../module.js';
import type { Store, StoreOp } from '../store/store.js';
import { assetTargets, type Asset } from './assets.js';
import { engineDetections } from './engine-import.js';
import { accept, reconcile } from './findings.js';
import { remediationPlan } from './remediation.js';
import { type ScanService } from './scan-service.js';
import { ASSETS, FINDINGS, SCANS } from '../collections.js';
import { keysetPage, replyBytes } from '../store/keyset-page.js';

function getFinding(store: Store, id: string): Finding {
  const f = store.get<Finding>(FINDINGS, id);
  if (!f) throw new SocdeckError('not_found', `no finding ${id}`);
  return f;
}

export function registerScanMethods(rpc: RpcRegistry, store: Store, clock: Clock, scans: ScanService): void {
  rpc.register('scan.run', async (p, session) => {
    const { run, done } = await scans.start({ ...p }, session.actor);
    return p.wait ? done : run;
  });
  rpc.register('scan.list', (p) => {
    // Reversed first, so runs started in the same millisecond keep newest-first (the sort is stable).
    const all = store
      .values<ScanRun>(SCANS)
      .reverse()
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    return { scans: all.slice(0, p?.limit ?? 100), total: all.length };
  });
  rpc.register('scan.get', ({ id }) => {
    const r = store.get<ScanRun>(SCANS, id);
    if (!r) throw new SocdeckError('not_found', `no scan ${id}`);
    return r;
  });
  rpc.register('scan.cancel', async ({ id }, session) => {
    if (!scans.cancel(id, session.actor)) throw new SocdeckError('not_found', `no running scan ${id}`);
    await store.commit([
      auditOp({ at: new Date(clock.now()).toISOString(), actor: session.actor, action: 'scan.cancel', target: { kind: 'scan', id }, before: { state: 'running' }, after: { state: 'cancelled' } }),
    ]);
    return { ok: true as const };
  });
  rpc.register('findings.list', (p, session) => {
    const q = p ?? {};
    const match = (f: Finding) => (!q.status || q.status.includes(f.status)) && (!q.host || f.host === q.host) && (!q.customer || f.customer === q.customer);
    if (q.page) {
      const page = keysetPage(store.values<Finding>(FINDINGS), { page: q.page, limit: q.limit ?? 500, maxBytes: replyBytes(session), match });
      return { findings: page.items, total: page.total, ...(page.next ? { next: page.next } : {}) };
    }
    const hits = store
      .values<Finding>(FINDINGS)
      .filter(match)
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.lastSeen.localeCompare(a.lastSeen));
    return { findings: hits.slice(0, q.limit ?? 500), total: hits.length };
  });
  rpc.register('finding.get', ({ id }) => getFinding(store, id));
  rpc.register('finding.accept', async ({ id, reason, until }, session) => {
    const f = getFinding(store, id);
    const at = new Date(clock.now()).toISOString();
    const untilIso = new Date(until).toISOString();
    if (untilIso <= at) throw new SocdeckError('invalid_params', `until ${until} is not in the future`);
    if (f.status === 'fixed') throw new SocdeckError('conflict', `finding ${id} is fixed; there is no risk left to accept`);
    const next = accept(f, session.actor, reason, untilIso, at);
    const audit = auditOp({
      at,
      actor: session.actor,
      action: 'finding.accept',
      target: { kind: 'finding', id },
      before: { status: f.status },
      after: { status: next.status, reason, until: untilIso },
    });
    await store.commit([{ op: 'put', coll: FINDINGS, id, value: next }, audit]);
    return next;
  });
  rpc.register('finding.verify', async ({ id }, session) => {
    const f = getFinding(store, id);
    if (f.source !== 'socdeck' || f.port === undefined) throw new SocdeckError('invalid_params', `finding ${id} came from a ${f.source} report; verify it by importing a fresh report`);
    const { done } = await scans.start({ targets: [f.host], ports: String(f.port), kind: 'verify', onlyCheck: f.checkId }, session.actor);
    const scan = await done;
    if (scan.state !== 'done') throw new SocdeckError('internal', `verification scan ${scan.id} ended ${scan.state}${scan.error ? `: ${scan.error}` : ''}`);
    return { finding: getFinding(store, id), scan };
  });
  rpc.register('finding.plan', ({ id, lang }) => ({ markdown: remediationPlan(getFinding(store, id), lang ?? 'en') }));
  rpc.register('scan.import', async ({ engine, name, content }, session) => {
    const assets = store.values<Asset>(ASSETS);
    const assetOf = (host: string) => assets.find((a) => assetTargets(a).includes(host))?.name ?? host;
    const customerOf = (host: string) => assets.find((a) => assetTargets(a).includes(host))?.customer ?? 'default';
    const { detections, errors } = engineDetections(engine, name, content, 'default', assetOf);
    for (const d of detections) d.customer = customerOf(d.host);
    const at = new Date(clock.now()).toISOString();
    // Imports confirm or reopen; nothing is marked fixed, because a report says nothing about what it did not cover.
    const rec = reconcile((fid) => store.get<Finding>(FINDINGS, fid), [], detections, { hosts: new Set(), ports: new Set(), checkIds: new Set() }, at, session.actor);
    const audit = auditOp({
      at,
      actor: session.actor,
      action: 'scan.import',
      target: { kind: 'scan', id: name },
      before: {},
      after: { engine, findings: rec.seen.length, new: rec.new.length, reopened: rec.reopened.length },
    });
    await store.commit([...rec.puts.map((f): StoreOp => ({ op: 'put', coll: FINDINGS, id: f.id, value: f })), audit]);
    return { findings: rec.seen, new: rec.new, reopened: rec.reopened, errors };
  });
}
