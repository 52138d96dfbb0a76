import { SocdeckError } from '../../shared/errors.js';
import type { LeakFinding, LeakItem } from '../../shared/leak.js';
import { compareSeverity } from '../../shared/severity.js';
import { audited, auditOp } from '../audit/audit-log.js';
import type { RpcRegistry } from '../module.js';
import { buildLeakIncidentReport } from './report-data.js';
import { slaObservation } from './record-run.js';
import type { RunnerDeps } from './runner-deps.js';
import { runScan } from './scan-runner.js';
import { LEAKS, LEAK_FINDINGS } from '../collections.js';
import { keysetPage, replyBytes } from '../store/keyset-page.js';

/** State changes kept per leak; older ones are dropped first. */
const MAX_HISTORY = 50;

export function registerLeakMethods(rpc: RpcRegistry, deps: RunnerDeps): void {
  const { store } = deps;
  rpc.register('leaks.list', (p, session) => {
    const q = p ?? { limit: 500 };
    const match = (l: LeakItem) => (!q.customer || l.customer === q.customer) && (!q.state || l.state === q.state);
    if (q.page) {
      const page = keysetPage(store.values<LeakItem>(LEAKS), { page: q.page, limit: q.limit ?? 500, maxBytes: replyBytes(session), match });
      return { leaks: page.items, total: page.total, ...(page.next ? { next: page.next } : {}) };
    }
    const all = store
      .values<LeakItem>(LEAKS)
      .filter(match)
      .sort((a, b) => compareSeverity(b.severity, a.severity) || b.detectedAt.localeCompare(a.detectedAt));
    return { leaks: all.slice(0, q.limit ?? 500), total: all.length };
  });

  rpc.register('leaks.get', ({ id }) => {
    const leak = store.get<LeakItem>(LEAKS, id);
    if (!leak) throw new SocdeckError('not_found', `no leak ${id}`);
    return { leak, findings: store.values<LeakFinding>(LEAK_FINDINGS).filter((f) => f.leakId === id) };
  });

  rpc.register('leaks.scan', async (p, session) => {
    const scans = [];
    for (const path of p.paths) {
      const git = p.git ?? false;
      deps.log.info('leak scan requested', { actor: session.actor, path, git });
      const scan = () => runScan(deps, { path, git, customer: p.customer ?? 'default' });
      scans.push(
        await audited(
          store,
          () => deps.clock.now(),
          { actor: session.actor, action: 'leak.scan', target: { kind: 'path', id: path } },
          scan,
          (r) => ({ kind: r.kind, findings: r.findings, newLeaks: r.newLeaks }),
        ),
      );
    }
    return { scans };
  });

  rpc.register('leaks.setState', async ({ id, state, note }, session) => {
    const leak = store.get<LeakItem>(LEAKS, id);
    if (!leak) throw new SocdeckError('not_found', `no leak ${id}`);
    const at = new Date(deps.clock.now()).toISOString();
    const entry = { at, actor: session.actor, state, ...(note ? { note } : {}) };
    const next: LeakItem = { ...leak, state, history: [...leak.history, entry].slice(-MAX_HISTORY) };
    const audit = auditOp({ at, actor: session.actor, action: 'leak.state', target: { kind: 'leak', id }, before: { state: leak.state }, after: { state, ...(note ? { note } : {}) } });
    await store.commit([{ op: 'put', coll: LEAKS, id, value: next }, audit]);
    deps.log.info('leak state changed', { leak: id, actor: session.actor, from: leak.state, to: state });
    deps.bus.emit('sla.observed', [slaObservation(next, at)]);
    return next;
  });

  rpc.register('leaks.report', ({ id }, session) => buildLeakIncidentReport(store, id, { now: new Date(deps.clock.now()).toISOString(), actor: session.actor }));
}
