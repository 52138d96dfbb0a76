import type { Alert } from '../../shared/alert.js';
import type { PlaybookVersion } from '../../shared/playbook.js';
import type { RpcRegistry } from '../module.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import type { IncidentService } from './incident-service.js';
import { buildIncidentReport } from './report-data.js';
import { renderIncidentReportMarkdown } from './report-markdown.js';
import { ALERTS, SLA_CLOCKS } from '../collections.js';

/** The reporting clock's due time, read from the SLA clocks collection (sla module's records). */
function reportDue(store: Store, id: string): { reportDueAt?: string } {
  const rec = store.get<{ responseDueAt?: string }>(SLA_CLOCKS, `report:${id}`);
  return rec?.responseDueAt ? { reportDueAt: rec.responseDueAt } : {};
}

export function registerIncidentMethods(
  rpc: RpcRegistry,
  svc: IncidentService,
  deps: { store: Store; clock: Clock; adopt(): Promise<unknown>; playbook(id: string): PlaybookVersion | undefined },
): void {
  // Seeds written by triage are adopted before anyone reads them, so a read never shows a half record.
  const fresh = async () => void (await deps.adopt());
  rpc.register('incidents.list', async (p) => {
    await fresh();
    return svc.list(p ?? {});
  });
  rpc.register('incidents.get', async ({ id }) => {
    await fresh();
    return svc.view(id);
  });
  rpc.register('incidents.create', async (p, s) => ({ incident: await svc.create(p, s.actor) }));
  rpc.register('incidents.update', async (p, s) => ({ incident: await svc.update(p, s.actor) }));
  rpc.register('incidents.transition', async (p, s) => ({ incident: await svc.transition(p, s.actor) }));
  rpc.register('incidents.note', async (p, s) => ({ incident: await svc.note(p.id, p.text, s.actor) }));
  rpc.register('incidents.check', async (p, s) => ({ incident: await svc.check(p.id, p.step, p.done, s.actor) }));
  rpc.register('incidents.repin', async (p, s) => ({ incident: await svc.repin(p.id, s.actor) }));
  rpc.register('incidents.link', async (p, s) => ({ incident: await svc.link(p, s.actor) }));
  rpc.register('incidents.observe', async (p, s) => ({ incident: await svc.observe(p.id, { kind: p.kind, value: p.value }, s.actor) }));
  rpc.register('incidents.grade', async (p, s) => ({ incident: await svc.grade(p, s.actor) }));
  rpc.register('incidents.reported', async (p, s) => ({ incident: await svc.reported(p, s.actor) }));
  rpc.register('incidents.report', async ({ id }, s) => {
    await fresh();
    const incident = svc.get(id);
    const report = buildIncidentReport(incident, {
      alert: (a) => deps.store.get<Alert>(ALERTS, a),
      playbook: deps.playbook(incident.type),
      now: new Date(deps.clock.now()).toISOString(),
      actor: s.actor,
      ...reportDue(deps.store, id),
    });
    return { report, markdown: renderIncidentReportMarkdown(report) };
  });
}
