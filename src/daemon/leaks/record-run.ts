import type { LeakItem } from '../../shared/leak.js';
import { auditOp } from '../audit/audit-log.js';
import type { StoreOp } from '../store/store.js';
import { LEAKS } from '../collections.js';
import { leakIdFor, recordDetections } from './leak-items.js';
import type { RunnerDeps } from './runner-deps.js';
import type { DetectedSecret } from './scan-text.js';
import { dueForCheck, verifyDetections, withVerification } from './verify/verify-leaks.js';

export interface RunHits {
  customer: string;
  /** Detections grouped by where they were found (a folder, a repository URL). */
  groups: { target: string; detected: DetectedSecret[] }[];
  /** Clear keys of this run by fingerprint, for verification only; empty when it is off. */
  revealed: ReadonlyMap<string, string>;
  /** Written in the same journal entry (a watcher's cursor, a repository's tips). */
  extraOps: StoreOp[];
  signal?: AbortSignal;
}

/**
 * Records a run's detections (new leaks, new places), checks the keys when verification is
 * on for the customer, commits it all at once, then announces: new leaks start their SLA
 * clock, and a key found live pages on-call at once.
 */
export async function recordRun(deps: RunnerDeps, run: RunHits): Promise<{ newLeaks: LeakItem[]; live: LeakItem[] }> {
  const nowMs = deps.clock.now();
  const now = new Date(nowMs).toISOString();
  const overlay = new Map<string, unknown>();
  const get = (c: string, id: string) => overlay.get(`${c}/${id}`) ?? deps.store.get(c, id);
  const ops: StoreOp[] = [];
  const put = (o: StoreOp) => {
    if (o.op === 'put') overlay.set(`${o.coll}/${o.id}`, o.value);
    ops.push(o);
  };
  const newIds: string[] = [];
  for (const g of run.groups) {
    const r = recordDetections({ customer: run.customer, target: g.target, detected: g.detected, now, slaBusinessMinutes: deps.slaBusinessMinutes, get });
    r.ops.forEach(put);
    newIds.push(...r.newLeaks.map((l) => l.id));
  }

  const live: LeakItem[] = [];
  const settings = deps.verify?.(run.customer);
  if (settings && run.revealed.size > 0) {
    const leakOf = (fp: string) => get(LEAKS, leakIdFor(run.customer, fp)) as LeakItem | undefined;
    const all = run.groups.flatMap((g) => g.detected);
    const results = await verifyDetections(
      all,
      run.revealed,
      deps.ruleSet(),
      settings,
      (fp) => dueForCheck(leakOf(fp)?.verification, nowMs, settings.recheckMs),
      () => new Date(deps.clock.now()).toISOString(),
      run.signal,
    );
    for (const [fp, v] of results) {
      const leak = leakOf(fp);
      if (!leak) continue;
      const next = withVerification(leak, v);
      put({ op: 'put', coll: LEAKS, id: leak.id, value: next });
      put(
        auditOp({
          at: v.checkedAt,
          actor: 'daemon',
          action: 'leak.verify',
          target: { kind: 'leak', id: leak.id },
          before: { status: leak.verification?.status ?? 'unchecked' },
          after: { status: v.status, method: v.method, ...(v.account ? { account: v.account } : {}), ...(v.detail ? { detail: v.detail } : {}) },
        }),
      );
      if (v.status === 'live' && leak.verification?.status !== 'live') live.push(next);
      deps.log[v.status === 'live' ? 'warn' : 'info']('leak key checked', { leak: leak.id, masked: leak.masked, status: v.status, method: v.method, account: v.account, detail: v.detail });
    }
  }
  run.extraOps.forEach(put);
  await deps.store.commit(ops);

  const newLeaks = newIds.map((id) => get(LEAKS, id) as LeakItem);
  for (const leak of newLeaks) {
    deps.log.warn('leak detected', {
      leak: leak.id,
      provider: leak.provider,
      rule: leak.rule,
      masked: leak.masked,
      severity: leak.severity,
      file: leak.first.file,
      line: leak.first.line,
      url: leak.first.url,
    });
    deps.bus.emit('leak.detected', leak);
  }
  const liveIds = new Set(live.map((l) => l.id));
  const observations = [...newLeaks.filter((l) => !liveIds.has(l.id)).map((l) => slaObservation(l, now)), ...live.map((l) => slaObservation(l, now, true))];
  if (observations.length > 0) deps.bus.emit('sla.observed', observations);
  return { newLeaks, live };
}

/**
 * The SLA clock input for a leak: the 30-business-minute answer clock starts at detection. A
 * key found live pages on-call at once; a revoked one keeps the normal clock.
 */
export function slaObservation(leak: LeakItem, at: string, page = false) {
  const live = leak.verification?.status === 'live' ? ` — LIVE key${leak.verification.account ? ` of ${leak.verification.account}` : ''}` : '';
  return {
    kind: 'leak' as const,
    id: leak.id,
    severity: leak.severity,
    state: leak.state,
    at,
    createdAt: leak.detectedAt,
    customer: leak.customer,
    title: `${leak.title} ${leak.masked}${live}`,
    ...(page ? { page: true } : {}),
  };
}
